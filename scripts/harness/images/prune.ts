/**
 * Dropping builds nobody needs: the earlier builds of a stand-in once a new one exists, and
 * the builds an earlier version of the harness made under openhands-guide/model-<image>.
 */
import { docker, dockerResult, dockerSync, type DockerOptions } from '../docker';
import { againstEngine } from '../host-net';
import { LABEL, LEGACY_LABEL, labelFilterArgs } from '../labels';
import { loopbackReferences } from '../loopback-registry';
import { withImagesLockSync } from './lock';
import { liveMarkers, type LiveMarker } from './markers';
import { LEGACY_PRIVATE_REPOSITORY_PREFIX, privateRepository, type StandInName } from './specs';

/**
 * Drops private tags of earlier builds of a stand-in; an image a container still uses stays.
 * Against an engine of the matrix the host's daemon built the image (build.ts), so the
 * earlier builds are there too.
 */
export async function pruneOlderBuilds(standIn: StandInName, keep: string, repository = privateRepository(standIn), label: string = LABEL.standIn): Promise<void> {
  const daemons: DockerOptions[] = againstEngine() ? [{}, { env: { DOCKER_HOST: '' } }] : [{}];
  for (const opts of daemons) {
    const out = await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', ...labelFilterArgs(label, standIn)], opts);
    for (const reference of out.split('\n')) {
      if (reference.startsWith(`${repository}:`) && reference !== keep) {
        // Its loopback registry tag and digest too, or the image would stay behind under them.
        for (const other of await loopbackReferences(reference, opts)) await dockerResult(['image', 'rm', other], opts);
        await dockerResult(['image', 'rm', reference], opts);
      }
    }
  }
}

/** What removeLegacyStandInBuildsSync may remove, and what stops it. */
export interface LegacySweepScope {
  /** Only builds whose repository starts with this (a test passes one of its own). */
  readonly repositoryPrefix?: string;
  /** Which live markers keep the builds (every one unless given: a test counts only its own sessions'). */
  readonly heldBy?: (marker: LiveMarker) => boolean;
}

/**
 * For the sweep: removes the private builds an earlier version of the harness made (its
 * stand-in label LEGACY_LABEL.standIn, its repositories openhands-guide/model-<image>, and
 * their loopback registry tags and digests), but only while no live run holds image markers:
 * such a run may be of that earlier version, using them. Documented names pointing at them
 * are untagged as stand-ins by release and the sweep (isStandIn). Returns what it removed.
 * Tests narrow `scope` to builds and markers of their own, so they never remove another
 * run's builds and their outcome does not hang on what other runs hold meanwhile.
 *
 * A run of an earlier version takes its own lock (a container), not this one, builds outside
 * it and creates its marker after: a sweep in between would remove the build it is about to
 * tag. Only a run of each version on one daemon at the same moment meets that; its tag step
 * then fails and says so.
 */
export function removeLegacyStandInBuildsSync(scope: LegacySweepScope = {}): string[] {
  const { repositoryPrefix = LEGACY_PRIVATE_REPOSITORY_PREFIX, heldBy = () => true } = scope;
  return withImagesLockSync(() => {
    if (liveMarkers().some(heldBy)) return [];
    const ids = dockerSync(['image', 'ls', '--quiet', '--no-trunc', ...labelFilterArgs(LEGACY_LABEL.standIn)]).stdout.split('\n').filter(Boolean);
    const removed: string[] = [];
    for (const id of new Set(ids)) {
      const names = dockerSync(['image', 'inspect', '--format', '{{range .RepoTags}}{{.}} {{end}}{{range .RepoDigests}}{{.}} {{end}}', id]).stdout.split(' ').filter(Boolean);
      const legacy = names.filter((name) => name.replace(/^127\.0\.0\.1:\d+\//, '').startsWith(repositoryPrefix));
      for (const name of legacy) if (dockerSync(['image', 'rm', name]).exitCode === 0) removed.push(name);
    }
    return removed;
  });
}
