import type { Component, Flow } from '../../../shared/resolve';
import { str, strs } from '../../../shared/resolve/props';

const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{2,62}$/;

/** The bucket a connection to object storage `s` uses: the one named on it, else `<other end>-data`. */
export function bucketOf(s: Component, e: Flow): string {
  return str(e.props, 'bucket') || `${(e.from === s ? e.to : e.from).service}-data`;
}

/** Every bucket of object storage `n`: its own list, then those of its connections. */
export function bucketsOf(n: Component): string[] {
  const out = [...strs(n.props, 'buckets')];
  for (const e of n.at) {
    if (e.protocol !== 's3') continue;
    const b = bucketOf(n, e);
    if (BUCKET_RE.test(b) && !out.includes(b)) out.push(b);
  }
  return out;
}
