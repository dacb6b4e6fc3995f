/**
 * `vite-node scripts/temp-guard/index.ts save|check`: the first and last steps of
 * `npm test`. `check` exits 1 and names every entry the run left in the temp directory.
 */
import { join } from 'node:path';
import { describeLeftovers, entriesSince, saveEntries } from './entries';

const SNAPSHOT = join(__dirname, '..', '..', 'reports', 'temp-entries-before.json');

const [command] = process.argv.slice(2);
if (command === 'save') {
  saveEntries(SNAPSHOT);
} else if (command === 'check') {
  const { dir, added } = entriesSince(SNAPSHOT);
  if (added.length > 0) {
    console.error(describeLeftovers(dir, added));
    process.exit(1);
  }
  console.log(`temp-guard: no new entries in ${dir}`);
} else {
  console.error(`Unexpected command ${JSON.stringify(command ?? '')}, expected save or check (scripts/temp-guard/index.ts)`);
  process.exit(2);
}
