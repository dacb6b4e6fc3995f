/**
 * The daemon-wide mutex for adding and removing tags: a container with a fixed name, which
 * the daemon creates atomically. A lock whose owner died is taken over.
 *
 * The lock is held by this process, not by a session: a sweep may release a dead session's
 * tags, and a lock owned by a dead session would be taken over.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dockerSync } from '../docker';
import { LABEL, labelArgs, sessionLabels, type SessionIdentity } from '../labels';
import { isLabelledSessionLive } from '../session';
import { privateRepository } from './specs';

const LOCK_NAME = 'openhands-guide-images-lock';
const LOCK_TIMEOUT_MS = 180_000;
const LOCK_POLL_MS = 250;

function lockOwnerIsDead(): boolean {
  const result = dockerSync(['container', 'inspect', '--format', '{{json .Config.Labels}}', LOCK_NAME]);
  if (result.exitCode !== 0) return false;
  const labels = (JSON.parse(result.stdout) ?? {}) as Record<string, string>;
  return !isLabelledSessionLive({ id: labels[LABEL.session], pid: labels[LABEL.pid], host: labels[LABEL.host] });
}

function tryAcquireLock(owner: SessionIdentity, probe: string): boolean {
  const result = dockerSync(['container', 'create', '--name', LOCK_NAME, ...labelArgs(sessionLabels(owner, 'images-lock')), probe, 'true']);
  if (result.exitCode === 0) return true;
  if (!/Conflict|already in use/i.test(result.stderr)) {
    throw new Error(`Cannot create the images lock container ${LOCK_NAME}: ${result.stderr.trim()}`);
  }
  if (lockOwnerIsDead()) dockerSync(['container', 'rm', '--force', LOCK_NAME]);
  return false;
}

function releaseLock(owner: SessionIdentity): void {
  const result = dockerSync(['container', 'inspect', '--format', `{{index .Config.Labels "${LABEL.session}"}}`, LOCK_NAME]);
  if (result.exitCode === 0 && result.stdout === owner.id) dockerSync(['container', 'rm', '--force', LOCK_NAME]);
}

function existingProbeReference(): string | null {
  const out = dockerSync(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', privateRepository('probe')]).stdout;
  return out.split('\n').find((line) => line.startsWith(`${privateRepository('probe')}:`)) ?? null;
}

const newOwner = (): SessionIdentity => ({ id: `lock-${process.pid}-${randomBytes(4).toString('hex')}`, pid: process.pid, host: hostname() });

export async function withImagesLock<T>(fn: () => Promise<T>): Promise<T> {
  const probe = existingProbeReference();
  if (!probe) return fn();
  const owner = newOwner();
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  while (!tryAcquireLock(owner, probe)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK_NAME}; if no other harness run is active, remove it with \`docker rm -f ${LOCK_NAME}\``);
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  try {
    return await fn();
  } finally {
    releaseLock(owner);
  }
}

export function withImagesLockSync<T>(fn: () => T): T {
  const probe = existingProbeReference();
  // Without a probe image there is no lock, and ensureImages never tagged anything.
  if (!probe) return fn();
  const owner = newOwner();
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (!tryAcquireLock(owner, probe)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK_NAME}; if no other harness run is active, remove it with \`docker rm -f ${LOCK_NAME}\``);
    Atomics.wait(sleeper, 0, 0, LOCK_POLL_MS);
  }
  try {
    return fn();
  } finally {
    releaseLock(owner);
  }
}
