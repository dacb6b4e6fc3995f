/**
 * Which published tags are newer than the ones the pages pin (src/snippets/versions/<version>/images.ts),
 * for the weekly workflow's job summary: the newest patch of each pinned release line, and
 * the newest release. A registry that does not answer is named, never an error.
 *
 *   vite-node scripts/ci/newer-tags.ts [--summary "$GITHUB_STEP_SUMMARY"]
 */
import { appendFileSync } from 'node:fs';
import { IMAGES, type ImageName } from '../../src/snippets/images';
import { listTags, newerTags } from './tags';

async function main(argv: readonly string[]): Promise<void> {
  const summary = argv.includes('--summary') ? argv[argv.indexOf('--summary') + 1] : undefined;
  const rows = ['## Newer published tags than the pages pin', '', '| Image | Pinned | Newest patch of its line | Newest release |', '| --- | --- | --- | --- |'];
  for (const name of Object.keys(IMAGES) as ImageName[]) {
    const { repository, tag } = IMAGES[name];
    try {
      const finding = newerTags(tag, await listTags(repository));
      const patch = finding.follows ? `${finding.newestPatch ?? '?'} (a pull of \`${tag}\` gets it)` : (finding.newestPatch ?? 'none newer');
      rows.push(`| \`${repository}\` | \`${tag}\` | ${patch} | ${finding.newestRelease ?? 'none newer'} |`);
      console.log(`${repository}:${tag}: newest patch ${finding.newestPatch ?? '-'}, newest release ${finding.newestRelease ?? '-'}`);
    } catch (error) {
      rows.push(`| \`${repository}\` | \`${tag}\` | registry did not answer: ${String(error).replaceAll('|', '/')} | |`);
      console.log(`${repository}:${tag}: ${String(error)}`);
    }
  }
  if (summary) appendFileSync(summary, `${rows.join('\n')}\n`);
}

void main(process.argv.slice(2).filter((arg) => arg !== '--')).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
