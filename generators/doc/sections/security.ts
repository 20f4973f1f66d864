import type { Component } from '../../../shared/resolve';
import type { Claim, Section } from '../answer';
import { fact, open, unused } from '../answer';
import type { Ctx } from '../context';
import { arrow, described, name, names, plural, svc, svcs, uniq } from '../context';
import { brokers } from '../facts';
import { andList, code, md } from '../markdown';
import { authSentence } from './api';
import { credentialClaim } from './database';
import { AUTH_CHOICE } from './words';
import { perWhom } from '../../kinds/doc-words';

/** Security Integration: who authenticates where, what is encrypted, how the networks are cut. */

/** Servers inside the stack that clients connect to, with or without credentials. */
function servers(c: Ctx): Component[] {
  return uniq(c.dataFlows().map((f) => f.server).filter((x): x is Component => !!x && x.containerised && !x.roles.includes('gateway') && !x.roles.includes('built')));
}

/** "`kafka` accepts clients without credentials"; "`rabbit` asks for RABBIT_USER / RABBIT_PASSWORD". */
export function clientAuth(c: Ctx, list: readonly Component[]): { text: string; claims: Claim[] } {
  const claims: Claim[] = [];
  const withCreds = list.filter((s) => Object.values(s.credentials).some((x) => x.secret));
  const without = list.filter((s) => !Object.values(s.credentials).some((x) => x.secret));
  const parts: string[] = [];
  if (withCreds.length) {
    const t = `${svcs(withCreds, 8)} ${withCreds.length === 1 ? 'asks' : 'ask'} clients for credentials from .env`;
    parts.push(t);
    for (const s of withCreds) claims.push(credentialClaim(s, t));
  }
  if (without.length) {
    const t = `${svcs(without)} ${without.length === 1 ? 'accepts' : 'accept'} clients without credentials`;
    parts.push(t);
    for (const s of without) claims.push({ type: 'client-auth', text: t, service: s.service, required: false });
  }
  return { text: parts.join('; '), claims };
}

export const security: Section = {
  title: 'Security Integration',
  fields: {
    INTEGRATION_AUTHENTICATION: (c) => {
      const parts: string[] = [];
      const claims: Claim[] = [];
      for (const p of c.r.gateways) {
        const s = authSentence(p);
        parts.push(s.text);
        claims.push(...s.claims);
      }
      const inside = clientAuth(c, servers(c));
      if (inside.text) {
        parts.push(`inside the stack, ${inside.text}`);
        claims.push(...inside.claims);
      }
      for (const x of c.external()) {
        const a = c.facet(x).outboundAuth?.(x);
        if (a) parts.push(`${a} to ${name(x)}`);
      }
      const set = c.r.gateways.filter((p) => p.auth !== 'none');
      return parts.length ? fact(parts.join('; '), { short: set.length ? andList(uniq(set.map((p) => AUTH_CHOICE[p.auth]))) : undefined, claims }) : open('nothing in the drawing authenticates', { value: 'OAuth 2.0 + OIDC', because: 'tokens checked at the edge, identities in one place' });
    },

    INTEGRATION_AUTHORIZATION: (c) => {
      const idp = c.withRole('identity-provider').filter((x) => c.facet(x).identity);
      const authed = c.r.gateways.filter((p) => p.auth !== 'none');
      if (!idp.length && authed.length) return fact(`none beyond authentication at ${svcs(authed.map((p) => p.gateway))}: an authenticated caller may call every route`, { short: '' });
      return idp.length ? fact(andList(idp.map((k) => `${c.facet(k).identity!.authorization(k)} in ${name(k)}`)), { short: andList(uniq(idp.map((k) => c.facet(k).identity!.authorization(k)))) }) : open('no identity provider holds roles or scopes', { value: 'RBAC', because: 'roles are enough until rules depend on attributes' });
    },

    INTEGRATION_ENCRYPTION: (c) => {
      const claims: Claim[] = [];
      const plain = [...c.r.gateways.map((p) => p.gateway), ...brokers(c)].filter((x) => x.containerised);
      const t = plain.length ? `${svcs(plain)} ${plain.length === 1 ? 'listens' : 'listen'} without TLS` : '';
      for (const x of plain) claims.push({ type: 'plaintext', text: t, service: x.service, protocol: x.kind.hosts?.[0] ?? 'http' });
      const asked = c.r.flows.filter((f) => f.props.mtls === true);
      const files = c.withRole('file-server').filter((s) => c.facet(s).files?.encryption(s));
      const parts = [`the starter stack encrypts no connection: every protocol inside runs in plain text${t ? ` (${t})` : ''}`];
      if (asked.length) parts.push(`mTLS is asked on ${andList(asked.map(arrow), 6)}, with certificates to be issued outside the stack`);
      if (files.length) parts.push(`files are ${andList(files.map((s) => `${c.facet(s).files!.encryption(s)}-encrypted on ${svc(s)}`))}`);
      return open(parts.join('; '), { value: 'TLS 1.3', because: 'for every connection that leaves a host in production' }, claims);
    },

    INTEGRATION_NETWORK_SECURITY: (c) => {
      if (!c.r.networks.length) return open('nothing the stack runs is drawn yet');
      const closed = c.r.networks.filter((n) => n.internal);
      const published = c.r.components.filter((x) => x.ports.some((p) => p.host !== null));
      const claims: Claim[] = [];
      const parts: string[] = [];
      if (c.r.zones.length) parts.push(`${plural(c.r.networks.length, 'network')}, one per zone${closed.length ? `; ${andList(closed.map((n) => code(n.name)))} ${closed.length === 1 ? 'has' : 'have'} no route out of the stack` : ''}`);
      else parts.push('one network: no zones are drawn');
      if (published.length) {
        const t = andList(published.flatMap((x) => x.ports.filter((p) => p.host !== null).map((p) => `${svc(x)} ${p.name} on ${p.hostIp}:${p.host}`)), 1000);
        parts.push(`published on the host: ${t}`);
        for (const x of published) for (const p of x.ports.filter((q) => q.host !== null)) claims.push({ type: 'port', text: `${svc(x)} ${p.name} on ${p.hostIp}:${p.host}`, service: x.service, host: p.host!, container: p.container, hostIp: p.hostIp });
      }
      const internal = c.containers().filter((x) => !x.ports.some((p) => p.host !== null));
      if (internal.length) {
        parts.push(`everything else stays inside the stack (${svcs(internal, 8)})`);
        for (const x of internal) claims.push({ type: 'unpublished', text: svc(x), service: x.service });
      }
      return fact(parts.join('; '), { short: c.r.zones.length ? 'network segmentation by zone' : 'one private network', claims });
    },

    INTEGRATION_API_SECURITY: (c) => {
      if (!c.r.gateways.length && !c.flows('call').length) return unused('no API: nothing is called request-reply');
      if (!c.r.gateways.length) return open('no gateway guards the APIs', { value: 'OAuth 2.0', because: 'the template’s first choice' });
      const claims: Claim[] = [];
      const parts = c.r.gateways.map((p) => {
        const bits = [p.auth === 'none' ? 'no authentication' : AUTH_CHOICE[p.auth], p.rateLimit ? `rate limit ${p.rateLimit.perMinute.toLocaleString('en-US')} req/min ${perWhom(p.rateLimit.by)}` : 'no rate limit', p.cors ? `CORS for ${andList(p.cors.origins.map((o) => md(o, 60)))}` : ''].filter(Boolean);
        claims.push({ type: 'gateway-auth', text: svc(p.gateway), gateway: p.gateway.service, method: p.auth });
        if (p.rateLimit) claims.push({ type: 'rate-limit', text: svc(p.gateway), gateway: p.gateway.service, perMinute: p.rateLimit.perMinute });
        return `${andList(bits)} at ${svc(p.gateway)}`;
      });
      return fact(parts.join('; '), { short: andList(uniq(c.r.gateways.flatMap((p) => [p.auth !== 'none' ? AUTH_CHOICE[p.auth] : '', p.rateLimit ? 'rate limiting' : '']).filter(Boolean))) || undefined, claims });
    },

    MESSAGE_SECURITY: (c) => {
      const b = brokers(c).filter((x) => x.containerised);
      if (!b.length) return unused('no message broker');
      const a = clientAuth(c, b);
      return fact(`${a.text}; payloads are neither signed nor encrypted`, { short: b.some((x) => Object.values(x.credentials).some((y) => y.secret)) ? 'broker credentials' : 'unauthenticated brokers', claims: a.claims });
    },

    IDENTITY_MANAGEMENT: (c) => {
      const k = c.withRole('identity-provider');
      return k.length ? fact(andList(k.map((x) => `${described(x)}`)), { short: names(k, 2) }) : open('no identity provider is drawn', { value: 'custom IdP', because: 'name the company’s identity provider' });
    },

    KEY_MANAGEMENT: (c) => {
      const v = c.withRole('secrets');
      if (v.length) return fact(andList(v.map((x) => `${name(x)}, ${c.facet(x).secrets?.(x) ?? 'keeping the secrets'}`)), { short: names(v, 2) });
      return open('no secrets manager is drawn: the stack keeps its passwords as variables in .env', { value: 'HashiCorp Vault', because: 'in the catalog; it can hand the same variables to the services' });
    },

    INTEGRATION_AUDIT_LOGGING: () => open('audit trails are not part of the drawing', { value: 'custom audit logs', because: 'record who called what at the gateway' }),

    INTEGRATION_COMPLIANCE_MONITORING: (c) => {
      const comp = c.reqList('compliance');
      return open(comp.length ? `${andList(comp.map((x) => md(x, 40)))} ${comp.length === 1 ? 'is' : 'are'} required but nothing drawn checks ${comp.length === 1 ? 'it' : 'them'}` : 'nothing drawn checks compliance', { value: 'compliance dashboards', because: 'evidence from the metrics already collected' });
    },
  },
};

