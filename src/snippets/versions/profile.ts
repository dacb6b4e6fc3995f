import type { ImageName } from '../images';

/** What the harness and the site need to know of a version beyond its commands. */
export interface VersionProfile {
  /** The upstream release its stand-ins model and its pages document. */
  readonly release: string;
  /** The image whose container is "the app" in its claims. */
  readonly appImage: ImageName;
  /** Name prefix of the sandbox containers the app starts; undefined when the app is its own sandbox. */
  readonly sandboxPrefix: string | undefined;
  /**
   * When a sandbox exists: `at-start` (the stand-in starts one when the app starts) or
   * `on-request` (the harness asks the app for one through its API, as a reader's
   * browser does, e.g. OpenHands 1.x POST /api/v1/sandboxes).
   */
  readonly sandboxStart: 'at-start' | 'on-request' | 'none';
  /** The port the app serves on inside its container. */
  readonly appPort: number;
  /**
   * The host address of the sandbox ports: a variable the app reads (and its default), or
   * `all-interfaces` when the version has no such setting.
   */
  readonly sandboxBinding: { readonly variable: string; readonly default: string } | 'all-interfaces' | 'no-sandbox';
  /** Container ports a sandbox serves on; undefined: every port it publishes. */
  readonly sandboxServicePorts?: readonly number[];
  /** The variable that tells the app the host port sandboxes call it back on, if it has one. */
  readonly callbackPortVariable?: string;
}
