import type { ContainerFacts } from '../../../scripts/harness/claims/context';
import type { VersionProfile } from '../../../src/snippets/versions/profile';
import { PROFILE as CANVAS } from '../../../src/snippets/versions/canvas/profile';
import { PROFILE as V033 } from '../../../src/snippets/versions/0.33/profile';
import { PROFILE as V1X } from '../../../src/snippets/versions/1.x/profile';
import { fakeContext, world, type FakeContainer, type FakeWorld } from './fake-context';
import type { ClaimContext } from '../../../scripts/harness/claims/context';

/** Small builders the case tables share: a container answering `cat` of some files, a one-container world. */
export const PROFILES: Readonly<Record<'canvas' | '0.33' | '1.x', VersionProfile>> = { canvas: CANVAS, '0.33': V033, '1.x': V1X };

/** An `exec` that answers `cat <path>` with the file's text (undefined: no such file) and `extra` for other commands. */
export const files =
  (contents: Readonly<Record<string, string>>, extra: (command: readonly string[]) => string | undefined = () => undefined) =>
  (command: readonly string[]) =>
    command[0] === 'cat' && command.length === 2 ? contents[command[1]!] : extra(command);

export const container = (f: ContainerFacts, more: Omit<Partial<FakeContainer>, 'facts'> = {}): FakeContainer => ({ facts: f, listening: [], ...more });

/** A context over these containers, with the world returned too for tests that look at it afterwards. */
export function only(containers: Record<string, FakeContainer>, extra: Partial<ClaimContext> = {}, more: Parameters<typeof world>[2] = {}, start?: FakeWorld['start']): ClaimContext {
  return fakeContext(world(containers, start, more), extra);
}

/** A world with no container at all: the claim's container exited or was never created. */
export const nothing = (extra: Partial<ClaimContext> = {}): ClaimContext => fakeContext(world({}), extra);
