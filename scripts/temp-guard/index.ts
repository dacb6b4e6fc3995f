/**
 * `vite-node scripts/temp-guard/index.ts -- COMMAND [ARGS...]`: how `npm test` runs its steps.
 * The command runs with a temp directory of its own, and fails when it leaves anything there
 * (run.ts).
 */
import { runGuarded } from './run';

const args = process.argv.slice(2);
const [command, ...rest] = args[0] === '--' ? args.slice(1) : args;
if (!command) {
  console.error('Unexpected empty command, expected `temp-guard -- COMMAND [ARGS...]` (scripts/temp-guard/index.ts)');
  process.exit(2);
}
const { exitCode, dir, left } = await runGuarded(command, rest);
if (exitCode === 0 && left.length === 0) console.log(`temp-guard: the run left nothing in its temp directory (${dir}, now removed)`);
process.exit(exitCode);
