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
      let wanted: number | null = null;
      let reason: PortRequest['reason'] = 'internal';
      let byHand = false;
      if (d.prop !== undefined && raw[d.prop] !== undefined && raw[d.prop] === c.props[d.prop]) {
        wanted = c.props[d.prop] as number;
        reason = 'by-hand';
        byHand = true;
      } else if (d.publish === 'admin' || (d.publish === 'entry' && c.entry && carries(c, d.serves))) {
        wanted = d.host;
        reason = d.publish;
      }
      const r: PortRequest = { component: c, name: d.name, container: d.container, wanted, reason, byHand, hostIp, protocol: d.protocol ?? 'tcp' };
      if (d.prop) r.prop = d.prop;
      return r;
    });
  }
  // A service you build listens on its own port; it is published only as an entry point.
  if (!c.roles.includes('built')) return [];
  return [{ component: c, name: 'http', container: c.listenPort, wanted: c.entry ? c.listenPort : null, reason: c.entry ? 'entry' : 'internal', byHand: false, hostIp, protocol: 'tcp' }];
}

/**
 * A listener for another protocol than the kind's main one (a gateway's gRPC port) is an entry
 * point only where the component carries that protocol: else nothing listens there.
 */
function carries(c: Component, serves: readonly string[] | undefined): boolean {
  return !serves || c.at.some((f) => f.protocol !== undefined && serves.includes(f.protocol));
}

/** Host ports for every request, unique on the host. */
export function assignPorts(requests: readonly PortRequest[], notes: string[]): Map<Component, ResolvedPort[]> {
  const taken = new Set<number>();
  /** Where to go on looking for a free port above a wanted one (many components want the same default). */
  const nextFree = new Map<number, number>();
  const host = new Array<number | null>(requests.length).fill(null);
  // The order in which ports are handed out: by hand, entry, admin; document order within each.
  const byReason: Record<ResolvedPort['reason'], number[]> = { 'by-hand': [], entry: [], admin: [], internal: [] };
  for (let i = 0; i < requests.length; i++) if (requests[i]!.wanted !== null) byReason[requests[i]!.reason].push(i);
  for (const i of [...byReason['by-hand'], ...byReason.entry, ...byReason.admin, ...byReason.internal]) {
    const r = requests[i]!;
    const wanted = r.wanted!;
    let p = taken.has(wanted) ? (nextFree.get(wanted) ?? wanted) : wanted;
    while (taken.has(p) && p < 65535) p++;
    nextFree.set(wanted, p);
    if (taken.has(p)) {
      notes.push(`No free host port was left for \`${r.component.service}\` (${r.name}); it stays inside the stack.`);
      continue;
    }
    if (p !== wanted && r.byHand) notes.push(`Host port ${wanted} is set by hand on more than one component; \`${r.component.service}\` (${r.name}) is published on ${p} instead.`);
    taken.add(p);
    host[i] = p;
  }
  const out = new Map<Component, ResolvedPort[]>();
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i]!;
    const h = host[i]!;
    const port: { -readonly [K in keyof ResolvedPort]: ResolvedPort[K] } = { name: r.name, container: r.container, host: h, hostIp: r.hostIp, protocol: r.protocol, reason: h === null ? 'internal' : r.reason, byHand: r.byHand };
    if (h !== null && r.wanted !== null && h !== r.wanted) port.wanted = r.wanted;
    if (r.prop) port.prop = r.prop;
    if (h !== null) port.variable = `${r.component.envPrefix}_${variablePart(r.name)}_PORT`;
    const list = out.get(r.component);
    if (list) list.push(port);
    else out.set(r.component, [port]);
  }
  return out;
}

/** A port's name as part of a variable (`admin-api` -> `ADMIN_API`), made once per name: names come from the catalog. */
const variableParts = new Map<string, string>();
function variablePart(name: string): string {
  let part = variableParts.get(name);
  if (part === undefined) {
    part = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
    if (variableParts.size < 1000) variableParts.set(name, part);
  }
  return part;
}
