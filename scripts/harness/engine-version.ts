/** Engine version strings as the engines report them (`docker version`), read without talking to one. */
import semver from 'semver';

export function parseEngineVersion(version: string): { readonly major: number; readonly minor: number } {
  // semver's coerce reads a Debian build's "20.10.24+dfsg1" as 20.10.24; only a leading version counts.
  const parsed = /^\d+\.\d+/.test(version) ? semver.coerce(version) : null;
  if (!parsed) throw new Error(`Unexpected Docker Engine version "${version}", expected MAJOR.MINOR...`);
  return { major: parsed.major, minor: parsed.minor };
}
