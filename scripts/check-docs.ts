import { reporter } from 'vfile-reporter';
import { checkDocs } from './docs-lint/check-docs';

/**
 * `npm run check:docs`: every page of both locales against the snippet registry and the
 * message catalogs. Exits 1 on any message, so no page that fails a check is published.
 */
async function main(): Promise<void> {
  const files = await checkDocs({ root: process.cwd() });
  const count = files.reduce((total, file) => total + file.messages.length, 0);
  if (count > 0) {
    console.error(reporter(files, { quiet: true }));
    process.exitCode = 1;
  } else {
    console.log(`check-docs: ${files.length} files, no issues`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
