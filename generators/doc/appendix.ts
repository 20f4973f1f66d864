import type { BrokerPlan, Component, Flow, GatewayRoute, Publication, Subscription } from '../../shared/resolve';
import { canDeadLetter } from '../../shared/resolve';
import type { Claim } from './answer';
import type { Ctx } from './context';
import { ms, protocolName, svc, uniq } from './context';
import { alertPhrase } from './facts';
import { andList, code, literal, md, row } from './markdown';

/**
 * The tables after the template: the starter stack as the resolved model makes it (components
 * with their service names, images, host ports and networks; connections; networks; gateway
 * routes; channels with their dead-letter companions; alert rules). Every row is a statement the
 * consistency test checks against the generated files.
 */

/** The image a component runs: its own, its kind's, or null for a stand-in. */
export function imageOf(c: Component): string | null {
  const own = typeof c.props.image === 'string' && c.props.image ? c.props.image : '';
  return own || c.kind.image || null;
}

/** Per flow: its route, what it writes and what it reads, indexed once. */
function flowIndex(c: Ctx) {
  return c.memo('flowIndex', () => {
    const routes = new Map<Flow, GatewayRoute>();
    for (const p of c.r.gateways) for (const r of p.routes) routes.set(r.flow, r);
    const pubs = new Map<Flow, Publication[]>();
    const subs = new Map<Flow, { plan: BrokerPlan; s: Subscription }[]>();
    for (const p of c.plans()) {
      for (const x of p.publications) pubs.set(x.flow, [...(pubs.get(x.flow) ?? []), x]);
      for (const s of p.subscriptions) subs.set(s.flow, [...(subs.get(s.flow) ?? []), { plan: p, s }]);
    }
    return { routes, pubs, subs };
  });
}

function flowDetails(f: Flow, c: Ctx): string {
  const bits: string[] = [];
  const index = flowIndex(c);
  const route = index.routes.get(f);
  if (route) bits.push(`route ${md(route.path, 80)}`);
  if (f.resilience) {
    if (f.resilience.timeoutMs > 0) bits.push(`timeout ${ms(f.resilience.timeoutMs)}${f.resilience.timeoutFrom === 'latency-budget' ? ' (latency budget)' : ''}`);
    if (f.resilience.retries > 0) bits.push(`${f.resilience.retries} retries`);
    if (f.resilience.circuitBreaker) bits.push('circuit breaker');
  }
  for (const pub of index.pubs.get(f) ?? []) bits.push(`writes ${md(pub.channel, 100)}`);
  for (const { plan: p, s } of index.subs.get(f) ?? []) {
    bits.push(`reads ${andList(s.channels.map((x) => md(x, 100)), 4)}`);
    if (s.deadLetter.length) bits.push(`dead letters to ${andList(s.deadLetter.map((x) => md(x, 100)), 4)}${s.retries > 0 ? ` after ${s.retries} retries` : ''}`);
    else if (p.protocol !== 'mqtt') bits.push(canDeadLetter(s.client) ? 'no dead-lettering' : 'no dead-lettering (its own ingestion)');
  }
  if (typeof f.edge.label === 'string' && f.edge.label.trim()) bits.push(md(f.edge.label, 200));
  if (typeof f.props.description === 'string' && f.props.description.trim()) bits.push(md(f.props.description, 300));
  return bits.join('; ');
}

export function appendix(c: Ctx): { markdown: string; claims: Claim[] } {
  const out: string[] = [];
  const claims: Claim[] = [];

  out.push('## Components', '');
  if (c.r.components.length) {
    out.push(row(['Component', 'Service', 'Kind', 'Image', 'Host ports', 'Networks']), row(['---', '---', '---', '---', '---', '---']));
    for (const x of c.r.components) {
      const img = imageOf(x);
      const image = !x.containerised ? '_external, not run_' : img ? literal(img) : '_stand-in until an image is set_';
      const published = x.ports.filter((p) => p.host !== null);
      const ports = !x.containerised ? '' : published.length ? published.map((p) => `${p.hostIp}:${p.host}→${p.container} ${p.name}`).join(', ') : 'none (inside the stack only)';
      const line = row([md(x.label, 120), x.containerised ? svc(x) : `${svc(x)} (external)`, md(x.kind.product), image, md(ports), andList(x.networks.map(code), 8)]);
      out.push(line);
      if (!x.containerised) continue;
      claims.push({ type: 'image', text: line, service: x.service, image: img });
      if (published.length) for (const p of published) claims.push({ type: 'port', text: line, service: x.service, host: p.host!, container: p.container, hostIp: p.hostIp });
      else claims.push({ type: 'unpublished', text: line, service: x.service });
    }
  } else out.push('_The design has no components yet._');
  out.push('');

  out.push('## Connections', '');
  if (c.r.flows.length) {
    out.push(row(['From', 'To', 'Protocol', 'Details']), row(['---', '---', '---', '---']));
    for (const f of c.r.flows) out.push(row([svc(f.from), svc(f.to), f.protocol ? protocolName(f.protocol) : '_not set_', flowDetails(f, c)]));
  } else out.push('_The design has no connections yet._');
  out.push('');

  if (c.r.networks.length) {
    out.push('## Networks', '', row(['Network', 'Zone', 'Route out of the stack', 'Members']), row(['---', '---', '---', '---']));
    for (const n of c.r.networks) {
      const members = n.members.map((id) => c.r.byId.get(id)!.service);
      const line = row([code(n.name), n.zone ? md(n.zone.label, 60) : '_default_', n.internal ? 'no (internal)' : 'yes', andList(members.map(code), 40)]);
      out.push(line);
      claims.push({ type: 'network', text: line, network: n.name, internal: n.internal, members });
    }
    out.push('');
  }

  const routes = c.r.gateways.flatMap((p) => p.routes);
  if (c.r.gateways.length) {
    out.push('## Gateway routes', '');
    if (routes.length) {
      out.push(row(['Gateway', 'Path', 'Upstream', 'Protocol', 'Timeout', 'Authentication']), row(['---', '---', '---', '---', '---', '---']));
      for (const r of routes) {
        const plan = c.r.gateways.find((p) => p.gateway === r.gateway)!;
        const line = row([svc(r.gateway), md(r.path, 100), `${literal(`${r.upstream.host}:${r.upstream.port}`)}${r.upstream.basePath ? md(r.upstream.basePath, 80) : ''}${r.stripPath ? ' (prefix stripped)' : ''}`, protocolName(r.protocol), ms(r.timeoutMs), plan.auth === 'none' ? 'none' : plan.auth]);
        out.push(line);
        claims.push({ type: 'route', text: line, gateway: r.gateway.service, path: r.path, upstream: r.upstream.host, port: r.upstream.port, protocol: r.protocol });
      }
    } else out.push('_No gateway routes anything yet._');
    out.push('');
  }

  const plans = c.plans().filter((p) => p.channels.length);
  if (plans.length) {
    out.push('## Channels', '', row(['Broker', 'Channel', 'Kind', 'Role', 'Written by', 'Read by']), row(['---', '---', '---', '---', '---', '---']));
    for (const p of plans) {
      const writersOf = new Map<string, Component[]>();
      const readersOf = new Map<string, Component[]>();
      for (const x of p.publications) writersOf.set(x.channel, uniq([...(writersOf.get(x.channel) ?? []), x.client]));
      for (const x of p.subscriptions) for (const ch of x.channels) readersOf.set(ch, uniq([...(readersOf.get(ch) ?? []), x.client]));
      for (const ch of p.channels) {
        const writers = writersOf.get(ch.name) ?? [];
        const readers = readersOf.get(ch.name) ?? [];
        const role = ch.role === 'main' ? '' : ch.role === 'dead-letter' ? `dead letters of ${md(ch.serves ?? '', 100)}` : `retries of ${md(ch.serves ?? '', 100)}`;
        const line = row([svc(p.broker), md(ch.name, 120), `${ch.kind}${ch.exchangeType ? ` (${ch.exchangeType})` : ''}`, role || 'main', andList(writers.map(svc), 8), andList(readers.map(svc), 8)]);
        out.push(line);
        if (ch.kind === 'exchange') continue;
        claims.push(ch.role === 'dead-letter' ? { type: 'dead-letter', text: line, broker: p.broker.service, protocol: p.protocol, channel: ch.name, serves: ch.serves ?? '' } : { type: 'channel', text: line, broker: p.broker.service, protocol: p.protocol, channel: ch.name, channelKind: ch.kind });
      }
    }
    out.push('');
  }

  const alerts = c.r.observability.alerts;
  if (alerts.length) {
    out.push('## Alert rules', '', row(['Prometheus', 'Alert', 'Fires on', 'For', 'Severity']), row(['---', '---', '---', '---', '---']));
    for (const a of alerts) {
      const line = row([svc(a.scraper), code(a.name), alertPhrase(a), a.for, a.severity]);
      out.push(line);
      claims.push({ type: 'alert', text: line, scraper: a.scraper.service, alert: a.name, family: a.family });
    }
    out.push('');
  }
  return { markdown: out.join('\n'), claims };
}
