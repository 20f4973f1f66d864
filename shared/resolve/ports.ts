import type { Component, ResolvedPort } from './types';

/**
 * Host ports. Inside the stack every component keeps its ports; on the host only entry points
 * (gateways, web apps, APIs nothing calls), admin consoles and ports a user set by hand are
 * published, on 127.0.0.1 unless the component says `publishOn: all-interfaces`. Each gets the
 * port it asks for when free, else the next free one, in a fixed order (by hand, entry, admin;
 * document order within each), so the same design always gets the same ports.
 */

export interface PortRequest {
  component: Component;
  name: string;
  container: number;
  /** Host port wanted, or null: stays inside the stack. */
  wanted: number | null;
  reason: ResolvedPort['reason'];
  byHand: boolean;
  hostIp: string;
  protocol: 'tcp' | 'udp';
  prop?: string;
}

/** What a component asks of the host. */
export function portRequests(c: Component): PortRequest[] {
  if (!c.containerised) return [];
  const hostIp = c.props.publishOn === 'all-interfaces' ? '0.0.0.0' : '127.0.0.1';
  const raw = c.node.props && typeof c.node.props === 'object' ? (c.node.props as Record<string, unknown>) : {};
  const defs = c.kind.ports ?? [];
  if (defs.length > 0) {
    return defs.map((d) => {
      const set = d.prop !== undefined && raw[d.prop] !== undefined && raw[d.prop] === c.props[d.prop];
      const base = { component: c, name: d.name, container: d.container, hostIp, protocol: d.protocol ?? 'tcp', ...(d.prop ? { prop: d.prop } : {}) } as const;
      if (set) return { ...base, wanted: c.props[d.prop!] as number, reason: 'by-hand', byHand: true };
      // A listener for another protocol than the kind's main one (a gateway's gRPC port) is an
      // entry point only where the component carries that protocol: else nothing listens there.
      const carried = !d.serves || c.at.some((f) => f.protocol !== undefined && d.serves!.includes(f.protocol));
      if (d.publish === 'admin' || (d.publish === 'entry' && c.entry && carried)) return { ...base, wanted: d.host, reason: d.publish, byHand: false };
      return { ...base, wanted: null, reason: 'internal', byHand: false };
    });
  }
  // A service you build listens on its own port; it is published only as an entry point.
  if (!c.roles.includes('built')) return [];
  return [{ component: c, name: 'http', container: c.listenPort, wanted: c.entry ? c.listenPort : null, reason: c.entry ? 'entry' : 'internal', byHand: false, hostIp, protocol: 'tcp' }];
}

const RANK: Record<ResolvedPort['reason'], number> = { 'by-hand': 0, entry: 1, admin: 2, internal: 3 };

/** Host ports for every request, unique on the host. */
export function assignPorts(requests: readonly PortRequest[], notes: string[]): Map<Component, ResolvedPort[]> {
  const taken = new Set<number>();
  /** Where to go on looking for a free port above a wanted one (many components want the same default). */
  const nextFree = new Map<number, number>();
  const host = new Map<PortRequest, number | null>();
  const order = requests.map((r, i) => ({ r, i })).sort((a, b) => RANK[a.r.reason] - RANK[b.r.reason] || a.i - b.i);
  for (const { r } of order) {
    if (r.wanted === null) {
      host.set(r, null);
      continue;
    }
    let p = taken.has(r.wanted) ? (nextFree.get(r.wanted) ?? r.wanted) : r.wanted;
    while (taken.has(p) && p < 65535) p++;
    nextFree.set(r.wanted, p);
    if (taken.has(p)) {
      notes.push(`No free host port was left for \`${r.component.service}\` (${r.name}); it stays inside the stack.`);
      host.set(r, null);
      continue;
    }
    if (p !== r.wanted && r.byHand) notes.push(`Host port ${r.wanted} is set by hand on more than one component; \`${r.component.service}\` (${r.name}) is published on ${p} instead.`);
    taken.add(p);
    host.set(r, p);
  }
  const out = new Map<Component, ResolvedPort[]>();
  for (const r of requests) {
    const h = host.get(r) ?? null;
    const port: ResolvedPort = {
      name: r.name,
      container: r.container,
      host: h,
      hostIp: r.hostIp,
      protocol: r.protocol,
      reason: h === null ? 'internal' : r.reason,
      byHand: r.byHand,
      ...(h !== null && r.wanted !== null && h !== r.wanted ? { wanted: r.wanted } : {}),
      ...(r.prop ? { prop: r.prop } : {}),
      ...(h !== null ? { variable: `${r.component.envPrefix}_${r.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_PORT` } : {}),
    };
    const list = out.get(r.component);
    if (list) list.push(port);
    else out.set(r.component, [port]);
  }
  return out;
}
