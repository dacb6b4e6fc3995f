/**
 * Removing what a harness run created, and only that.
 *
 * What belongs to a session: Docker containers and networks carrying its session label
 * (the app stand-in copies that label onto the runtime containers it creates), the runtime a
 * labelled app container named after its own host name, the LAN namespace named from its
 * suffix, iptables rules commented with its id, and its image marker. Nothing unlabelled
 * is ever removed: a reader's own `openhands-app` container is not ours.
 *
 * Everything here is synchronous so that it also works from a process 'exit' handler,
 * where asynchronous work never runs. The async wrappers are for ordinary callers.
 */
import { hostname } from 'node:os';
import { dockerSync } from './docker';
import { removeRulesByCommentSync, removeStaleRulesSync } from './firewall';
import { releaseImagesSync, releaseOrphanedStandInTagsSync, removeLegacyStandInBuildsSync, removeOrphanedBuildContextsSync } from './images';
import { LABEL, labelFilterArgs, parseLabelList } from './labels';
import { listLanNamespaceSuffixesSync, removeLanNeighbourSync } from './lan';
import { listInternetSuffixesSync, removeInternetSync } from './internet';
import { listEgressChainSuffixesSync, removeEgressChainSync, removeEgressGuardSync } from './egress-guard';
import { listEngineFolderSuffixesSync, removeEngineFoldersSync } from './run/engine-folders';
import { listReaderFolderSuffixesSync, removeReaderFoldersSync } from './run/reader-folders';
import {
  firewallCommentFor,
  forgetSessionRecord,
  isLabelledSessionLive,
  isPidAlive,
  isSessionRecordLive,
  listSessionRecords,
  suffixOf,
  type Session,
} from './session';

export interface CleanupReport {
  readonly containers: string[];
  readonly networks: string[];
  /** Named volumes a page mounts, made by the harness with the session's labels. */
  readonly volumes: string[];
  readonly namespaces: string[];
  readonly firewallRules: number;
  readonly untaggedImages: string[];
  /** Temporary folders: the session's reader HOME and workspace; killed image builds' contexts (sweep). */
  readonly folders: string[];
  /** Sessions whose leftovers were removed (sweep only). */
  readonly sessions: string[];
  /** Failures that did not stop the rest of the cleanup. */
  readonly errors: string[];
}

function emptyReport(): CleanupReport {
  return { containers: [], networks: [], volumes: [], namespaces: [], firewallRules: 0, untaggedImages: [], folders: [], sessions: [], errors: [] };
}

function merge(into: CleanupReport, from: CleanupReport): void {
  into.containers.push(...from.containers);
  into.networks.push(...from.networks);
  into.volumes.push(...from.volumes);
  into.namespaces.push(...from.namespaces);
  (into as { firewallRules: number }).firewallRules += from.firewallRules;
  into.untaggedImages.push(...from.untaggedImages);
  into.folders.push(...from.folders);
  into.sessions.push(...from.sessions);
  into.errors.push(...from.errors);
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/**
 * Full ids of this session's containers: those with its label, and the runtime each of
 * them would have created as the app stand-in (named openhands-runtime-<its host name>).
 * The name catches a runtime the app could not copy our labels onto (an API that refused
 * inspect); a host name is the container's own id prefix, so the name is ours alone.
 */
function sessionContainerIds(id: string): string[] {
  const labelled = lines(dockerSync(['container', 'ls', '--all', '--no-trunc', '--format', '{{.ID}}', ...labelFilterArgs(LABEL.session, id)]).stdout);
  if (labelled.length === 0) return [];
  const runtimeNames = lines(dockerSync(['container', 'inspect', '--format', 'openhands-runtime-{{.Config.Hostname}}', ...labelled]).stdout);
  const runtimes = lines(dockerSync(['container', 'inspect', '--format', '{{.Id}}', ...runtimeNames]).stdout);
  return [...new Set([...labelled, ...runtimes])];
}

/** Removes every resource of one session (this process's or a crashed one's). */
export function removeSessionResourcesSync(session: { readonly id: string }): CleanupReport {
  const report = emptyReport();
  const suffix = suffixOf(session.id);

  // Again: an app being removed may have created a runtime a moment before.
  for (let round = 0; round < 3; round += 1) {
    const targets = sessionContainerIds(session.id);
    if (targets.length === 0) break;
    const result = dockerSync(['container', 'rm', '--force', '--volumes', ...targets]);
    report.containers.push(...lines(result.stdout));
    if (result.exitCode !== 0) report.errors.push(`docker rm: ${result.stderr.trim()}`);
  }

  const networks = lines(dockerSync(['network', 'ls', '--quiet', '--no-trunc', ...labelFilterArgs(LABEL.session, session.id)]).stdout);
  for (const network of networks) {
    const result = dockerSync(['network', 'rm', network]);
    if (result.exitCode === 0) report.networks.push(network);
    else report.errors.push(`docker network rm ${network}: ${result.stderr.trim()}`);
  }

  const volumes = lines(dockerSync(['volume', 'ls', '--quiet', ...labelFilterArgs(LABEL.session, session.id)]).stdout);
  for (const volume of volumes) {
    const result = dockerSync(['volume', 'rm', '--force', volume]);
    if (result.exitCode === 0) report.volumes.push(volume);
    else report.errors.push(`docker volume rm ${volume}: ${result.stderr.trim()}`);
  }

  if (removeLanNeighbourSync(suffix)) report.namespaces.push(`ohg-${suffix}-lan`);
  if (removeInternetSync(suffix)) report.namespaces.push(`ohg-${suffix}-inet`);
  // Before the rules by comment: the guard's jumps are commented, and its chain goes with them.
  if (removeEgressGuardSync({ suffix, firewallComment: firewallCommentFor(session.id) })) (report as { firewallRules: number }).firewallRules += 1;
  (report as { firewallRules: number }).firewallRules += removeRulesByCommentSync(firewallCommentFor(session.id));
  report.folders.push(...removeReaderFoldersSync(suffix));
  // After the containers: an engine of the matrix (scripts/engines) is a container of the session.
  report.folders.push(...removeEngineFoldersSync(suffix));

  try {
    report.untaggedImages.push(...releaseImagesSync({ suffix }));
  } catch (error) {
    report.errors.push(`releasing image tags: ${(error as Error).message}`);
  }
  forgetSessionRecord(session.id);
  return report;
}

export async function removeSessionResources(session: { readonly id: string }): Promise<CleanupReport> {
  return removeSessionResourcesSync(session);
}

/** Session ids on Docker objects of this host whose owning process is gone. */
function deadLabelledSessions(): Set<string> {
  const dead = new Set<string>();
  const listings = [
    dockerSync(['container', 'ls', '--all', '--format', '{{.Labels}}', ...labelFilterArgs(LABEL.session)]).stdout,
    dockerSync(['network', 'ls', '--format', '{{.Labels}}', ...labelFilterArgs(LABEL.session)]).stdout,
    dockerSync(['volume', 'ls', '--format', '{{.Labels}}', ...labelFilterArgs(LABEL.session)]).stdout,
  ];
  for (const line of listings.flatMap(lines)) {
    const labels = parseLabelList(line);
    const id = labels[LABEL.session];
    if (id === undefined || labels[LABEL.host] !== hostname()) continue;
    if (!isLabelledSessionLive({ id, pid: labels[LABEL.pid], host: labels[LABEL.host] })) dead.add(id);
  }
  return dead;
}

/**
 * Removes leftovers of earlier runs on this host whose process is no longer alive.
 * Never touches a live concurrent run, objects of other hosts, or anything unlabelled.
 */
export function sweepCrashedSessionsSync(): CleanupReport {
  const report = emptyReport();
  const records = listSessionRecords();
  const live = records.filter(isSessionRecordLive);
  const liveIds = new Set(live.map((record) => record.id));
  const liveSuffixes = new Set(live.map((record) => record.suffix));

  const dead = new Set<string>([...records.filter((record) => !liveIds.has(record.id)).map((record) => record.id), ...deadLabelledSessions()]);
  for (const id of dead) {
    merge(report, removeSessionResourcesSync({ id }));
    report.sessions.push(id);
  }

  // Names and comments carry no pid: without a live record they belong to no live run.
  for (const suffix of listLanNamespaceSuffixesSync()) {
    if (!liveSuffixes.has(suffix) && removeLanNeighbourSync(suffix)) report.namespaces.push(`ohg-${suffix}-lan`);
  }
  for (const suffix of listInternetSuffixesSync()) {
    if (!liveSuffixes.has(suffix) && removeInternetSync(suffix)) report.namespaces.push(`ohg-${suffix}-inet`);
  }
  for (const suffix of new Set(listReaderFolderSuffixesSync())) {
    if (!liveSuffixes.has(suffix)) report.folders.push(...removeReaderFoldersSync(suffix));
  }
  for (const suffix of new Set(listEngineFolderSuffixesSync())) {
    if (!liveSuffixes.has(suffix)) report.folders.push(...removeEngineFoldersSync(suffix));
  }
  report.folders.push(...removeOrphanedBuildContextsSync(isPidAlive));
  (report as { firewallRules: number }).firewallRules += removeStaleRulesSync((id) => liveIds.has(id));
  // After the commented rules: a chain is removable once no jump to it is left.
  for (const suffix of listEgressChainSuffixesSync()) {
    if (!liveSuffixes.has(suffix) && removeEgressChainSync(suffix)) (report as { firewallRules: number }).firewallRules += 1;
  }

  try {
    report.untaggedImages.push(...releaseOrphanedStandInTagsSync());
  } catch (error) {
    report.errors.push(`releasing image tags: ${(error as Error).message}`);
  }
  try {
    // After the documented tags: what an earlier version of the harness built and called "models".
    report.untaggedImages.push(...removeLegacyStandInBuildsSync());
  } catch (error) {
    report.errors.push(`removing earlier versions' stand-in builds: ${(error as Error).message}`);
  }
  return report;
}

export async function sweepCrashedSessions(): Promise<CleanupReport> {
  return sweepCrashedSessionsSync();
}

export interface CleanupRegistration {
  /** Cleans up now (once) and removes the handlers. */
  run(): CleanupReport;
  /** Removes the handlers without cleaning up. */
  unregister(): void;
}

/**
 * Cleans up the session when the process ends: normally, by an uncaught error, or by
 * Ctrl-C / SIGTERM (after which it exits with 128 + the signal number).
 */
export function registerCleanup(session: Session): CleanupRegistration {
  let report: CleanupReport | undefined;
  const run = (): CleanupReport => {
    unregister();
    report ??= removeSessionResourcesSync(session);
    return report;
  };
  const onExit = (): void => {
    run();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: removing the harness session ${session.id} (containers, networks, namespace, firewall rules)\n`);
    run();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  const unregister = (): void => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { run, unregister };
}
