import type { Claim, Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { described, name, names, plural, protocolName, protocolsOf, svc, svcs, uniq } from '../context';
import { brokers, formats, mainChannels, messagePatterns, sourceSystems, targetSystems, topologyShape } from '../facts';
import { andList, andListOf, code, md } from '../markdown';
import { AUTH_WORDS } from './words';

/** System Architecture: who talks to whom, over what, in which shape, on which networks. */

/** "4 networks: `dmz`, `internal` (no route out) ..." with claims. */
export function networkSummary(c: Ctx): { text: string; claims: Claim[] } {
  const nets = c.r.networks;
  const claims: Claim[] = nets.map((n) => ({ type: 'network', text: code(n.name), network: n.name, internal: n.internal, members: n.members.map((id) => c.r.byId.get(id)!.service) }));
  const parts = nets.map((n) => `${code(n.name)}${n.zone ? ` (${md(n.zone.label, 40)}${n.internal ? ', no route out of the stack' : ''})` : ' (the default network)'}`);
  return { text: `${plural(nets.length, 'network')} in the starter stack: ${andList(parts, 12)}`, claims };
}

export const architecture: Section = {
  title: 'System Architecture',
  fields: {
    SOURCE_SYSTEMS: (c) => {
      const s = sourceSystems(c);
      return s.length ? fact(andListOf(s, described, 12), { short: names(s, 6) }) : open('no system sends data yet');
    },

    TARGET_SYSTEMS: (c) => {
      const t = targetSystems(c);
      return t.length ? fact(andListOf(t, described, 12), { short: names(t, 6) }) : open('no system receives data yet');
    },

    INTEGRATION_LAYER: (c) => {
      const parts: string[] = [];
      for (const p of c.r.gateways) parts.push(`${described(p.gateway)} routing ${plural(p.routes.length, 'API')}`);
      for (const b of brokers(c)) {
        const n = c.plans().filter((p) => p.broker === b).reduce((k, p) => k + mainChannels(p).length, 0);
        parts.push(`${described(b)} carrying ${plural(n, 'channel')}`);
      }
      const layer = [...c.r.gateways.map((p) => p.gateway), ...brokers(c)];
      return parts.length ? fact(andList(parts), { short: names(layer, 4) }) : open('no gateway or broker: the systems call each other directly', { value: 'Kong API Gateway', because: 'the template’s choice for a first integration layer' });
    },

    MIDDLEWARE_COMPONENTS: (c) => {
      const mw = c.withRole('gateway', 'broker', 'connector', 'cdc-connector', 'schema-registry', 'stream-processor', 'identity-provider', 'secrets', 'cache');
      return mw.length ? fact(andList(mw.map((x) => `${described(x)}`), 15), { short: andList(uniq(mw.map((x) => md(x.kind.name))), 8) }) : open('no middleware is drawn');
    },

    COMMUNICATION_PROTOCOLS: (c) => {
      const ps = protocolsOf(c.r.flows);
      if (!ps.length) return open('the design has no connections yet');
      return fact(andList(ps.map((p) => `${protocolName(p)} (${plural(c.flowsOver(p).length, 'connection')})`), 20), { short: andList(ps.map(protocolName), 20) });
    },

    DATA_FORMATS: (c) => {
      const m = formats(c);
      if (!m.size) return open('no component on the data path states a format', { value: 'JSON', because: 'the default of the services in the catalog' });
      return fact([...m].map(([f, cs]) => `${md(f)} (${svcs(cs, 6)})`).join(', '), { short: [...m.keys()].map((x) => md(x)).join(', ') });
    },

    MESSAGE_PATTERNS: (c) => {
      const p = messagePatterns(c);
      return p.length ? fact(p.join('; '), { short: andList(p.map((x) => x.replace(/ \(`[^`]*`\)/g, ''))) }) : open('the design has no connections yet');
    },

    INTEGRATION_TOPOLOGY: (c) => {
      const t = topologyShape(c);
      if (!t) return open('the design has no connections yet');
      switch (t.shape) {
        case 'hub': {
          const what = t.hub.roles.includes('broker') ? 'event bus (hub-and-spoke)' : 'hub-and-spoke';
          return fact(`${what} around ${name(t.hub)}: ${Math.round(t.share * 100)}% of the connections touch it`, { short: what });
        }
        case 'pipeline':
          return fact(`pipeline: ${t.chain.map(svc).join(' → ')}`, { short: 'pipeline' });
        case 'point-to-point':
          return fact(`point-to-point: ${plural(t.edges, 'direct connection')}, no central hub`, { short: 'point-to-point' });
        case 'mesh':
          return fact(`mesh: ${plural(t.edges, 'connection')} among ${t.nodes} components, no central hub`, { short: 'mesh' });
      }
    },

    NETWORK_ARCHITECTURE: (c) => {
      if (!c.r.networks.length) return open('nothing the stack runs is drawn yet');
      const n = networkSummary(c);
      const entries = c.r.components.filter((x) => x.ports.some((p) => p.host !== null && p.reason === 'entry'));
      const cross = c.r.components.filter((x) => x.networks.length > 1);
      const text = `${n.text}${cross.length ? `; ${svcs(cross, 6)} ${cross.length === 1 ? 'joins' : 'join'} the networks of what ${cross.length === 1 ? 'it calls' : 'they call'}` : ''}${entries.length ? `; reached from outside only through ${svcs(entries, 6)}` : ''}`;
      return fact(text, { short: c.r.zones.length ? `${plural(c.r.networks.length, 'network')}, one per zone${c.r.gateways.length ? ', gateway-fronted' : ''}` : `one network${c.r.gateways.length ? ', gateway-fronted' : ''}`, claims: n.claims });
    },

    SECURITY_ARCHITECTURE: (c) => {
      const parts: string[] = [];
      const claims: Claim[] = [];
      for (const p of c.r.gateways) {
        if (p.auth === 'none') continue;
        const t = `${AUTH_WORDS[p.auth]} checked at ${name(p.gateway)}${p.identityProvider ? `, issued by ${name(p.identityProvider)}` : ''}`;
        parts.push(t);
        claims.push({ type: 'gateway-auth', text: t, gateway: p.gateway.service, method: p.auth });
      }
      for (const k of c.withRole('identity-provider')) if (!c.r.gateways.some((p) => p.identityProvider === k)) parts.push(`identities in ${name(k)}`);
      for (const v of c.withRole('secrets')) parts.push(`secrets in ${name(v)}`);
      const closed = c.r.networks.filter((n) => n.internal);
      if (closed.length) parts.push(`${closed.length === 1 ? 'network' : 'networks'} ${andList(closed.map((n) => code(n.name)))} ${closed.length === 1 ? 'has' : 'have'} no route out of the stack`);
      return parts.length ? fact(parts.join('; '), { short: c.r.gateways.some((p) => p.auth !== 'none') ? 'gateway-enforced authentication' : closed.length ? 'zoned networks' : undefined, claims }) : open('no gateway checks callers, no identity provider, no secrets store and no closed zone', { value: 'zero-trust', because: 'the template’s example; it asks for authentication on every call' });
    },
  },
};
