import type { serializeTopology as Serialize } from '../../shared/model/serialize';

/**
 * The design-file writer (`shared/model/serialize.ts`, built on the `yaml` library), loaded after
 * the first paint rather than with the page: the canvas needs none of it to show a design, and
 * it was a sixth of the JavaScript loaded at start (docs/performance.md). It is asked for as soon
 * as the page is idle, so the synchronous users (the page's copy event, the autosave on
 * `pagehide`) find it loaded; the others await `loadSerializer()`.
 */

let loaded: typeof Serialize | undefined;
let loading: Promise<typeof Serialize> | undefined;

/** The writer, loading it on first use. */
export function loadSerializer(): Promise<typeof Serialize> {
  loading ??= import('../../shared/model/serialize').then((m) => (loaded = m.serializeTopology));
  return loading;
}

/** The writer if it is loaded already (synchronous callers), else undefined. */
export function serializerNow(): typeof Serialize | undefined {
  return loaded;
}

/** Loads the writer when the page is next idle (at most `timeout` ms from now). */
export function preloadSerializer(timeout = 1_000): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(() => void loadSerializer(), { timeout });
  else setTimeout(() => void loadSerializer(), 0);
}
