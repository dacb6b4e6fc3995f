import { describe, expect, it } from 'vitest';
import type { SnippetReport } from '../../contracts/verification-report';
import { notRunNote } from '../../scripts/harness/report';

const snippet = (status: SnippetReport['status'], expectation?: string) => ({ status, ...(expectation ? { expectation } : {}) }) as SnippetReport;

describe('notRunNote (the harness summary and the matrix line)', () => {
  it('says nothing when every snippet ran', () => {
    expect(notRunNote({ snippets: [snippet('verified'), snippet('expected-failure')] })).toBe('');
  });

  it('tells snippets an expectation keeps off from variants for other engines', () => {
    expect(notRunNote({ snippets: [snippet('not-run', 'podman-bridge-gateway-publish'), snippet('not-run', 'rootless-binds-on-host'), snippet('not-run')] })).toBe(
      ' (2 not run there, as an expectation says; 1 written for other engines)',
    );
  });
});
