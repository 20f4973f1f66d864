import type { GatewayPlan, GatewayRoute } from '../../../shared/resolve';
import type { Claim, Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { count, described, ms, name, plural, svc, svcs, uniq } from '../context';
import { brokers, callList, resilient, timeoutList } from '../facts';
import { andList, md } from '../markdown';
import { AUTH_CHOICE, AUTH_WORDS, WIRE } from './words';
import { perWhom } from '../../kinds/doc-words';

/** API Integration Patterns: the request-reply side, from the gateway plans and the calls. */

const apis = (c: Ctx) => c.withRole('api').filter((x) => c.facet(x).api);

/** "/api/orders → `orders` (HTTP)". */
export function routeText(r: GatewayRoute): string {
  return `${md(r.path, 80)} → ${svc(r.target)}${r.target.containerised ? '' : ` (${md(r.upstream.host, 80)})`}`;
}

export function routeClaims(p: GatewayPlan, text: string): Claim[] {
  return p.routes.map((r) => ({ type: 'route', text, gateway: p.gateway.service, path: r.path, upstream: r.upstream.host, port: r.upstream.port, protocol: r.protocol }));
}

/** The authentication sentence of a gateway, with its claim. */
export function authSentence(p: GatewayPlan): { text: string; claims: Claim[] } {
  if (p.auth === 'none') return { text: `${name(p.gateway)} lets every caller through (no authentication)`, claims: [{ type: 'gateway-auth', text: 'no authentication', gateway: p.gateway.service, method: 'none' }] };
  const text = `${name(p.gateway)} checks ${AUTH_WORDS[p.auth]}${p.identityProvider ? ` issued by ${name(p.identityProvider)}` : ''} on every route`;
  return { text, claims: [{ type: 'gateway-auth', text, gateway: p.gateway.service, method: p.auth }] };
}

export const api: Section = {
  title: 'API Integration Patterns',
  unused: (c) => (c.r.gateways.length === 0 && apis(c).length === 0 && c.flows('call').length === 0 ? 'no API: nothing is called request-reply' : undefined),
  fields: {
    API_DESIGN_STYLE: (c) => {
      const by = new Map<string, string[]>();
      for (const a of apis(c)) {
        const style = c.facet(a).api!.style;
        const list = by.get(style);
        if (list) list.push(svc(a));
        else by.set(style, [svc(a)]);
      }
      if (c.flowsOver('websocket').length) by.set('WebSocket streams', uniq(c.flowsOver('websocket').map((f) => svc(f.server ?? f.to))));
      if (!by.size) return open('no API service is drawn (REST, gRPC or GraphQL)');
      return fact([...by].map(([s, ids]) => `${s} (${andList(ids, 6)})`).join('; '), { short: andList([...by.keys()].map((s) => s.replace(/ \(.*\)$/, ''))) });
    },

    API_PROTOCOL: (c) => {
      const calls = c.flows('call');
      if (!calls.length) return open('no request-reply call is drawn');
      const ps = uniq(calls.map((f) => f.protocol!));
      return fact(andList(ps.map((p) => `${WIRE[p] ?? p} (${plural(calls.filter((f) => f.protocol === p).length, 'call')})`)), { short: andList(ps.map((p) => WIRE[p] ?? p)) });
    },

    API_GATEWAY: (c) => {
      const plans = c.r.gateways;
      if (!plans.length) {
        const called = uniq(c.flows('call').map((f) => f.server).filter((x): x is NonNullable<typeof x> => !!x && x.containerised));
        return called.length ? fact(`none: callers reach ${svcs(called, 6)} directly`, { short: '' }) : open('no gateway is drawn and nothing in the stack is called', { value: 'Kong', because: 'the template’s gateway; it adds authentication and rate limits in front of the APIs' });
      }
      const claims: Claim[] = [];
      const parts = plans.map((p) => {
        const text = p.routes.length ? `${plural(p.routes.length, 'route')}: ${andList(p.routes.map(routeText), 10)}` : 'no route yet';
        claims.push(...routeClaims(p, text));
        return `${described(p.gateway)} with ${text}`;
      });
      return fact(parts.join('; '), { short: andList(plans.map((p) => `${svc(p.gateway)} (${md(p.gateway.kind.name)})`)), claims });
    },

    AUTHENTICATION_METHOD: (c) => {
      const plans = c.r.gateways;
      const set = plans.filter((p) => p.auth !== 'none');
      if (!set.length) {
        if (!plans.length) return open('no gateway is drawn to check callers', c.has('identity-provider') ? { value: 'OAuth 2.0', because: `${svcs(c.withRole('identity-provider'))} is drawn to issue tokens` } : undefined);
        return open(`no gateway checks its callers (Authentication is none on ${svcs(plans.map((p) => p.gateway))})`, c.has('identity-provider') ? { value: 'OAuth 2.0', because: `${svcs(c.withRole('identity-provider'))} is drawn to issue tokens` } : { value: 'JWT', because: 'bearer tokens need no session store' }, plans.flatMap((p) => authSentence(p).claims));
      }
      const sentences = set.map(authSentence);
      const rest = plans.filter((p) => p.auth === 'none');
      const restText = rest.length ? `; ${rest.map((p) => authSentence(p).text).join('; ')}` : '';
      return fact(sentences.map((s) => s.text).join('; ') + restText, { short: andList(uniq(set.map((p) => AUTH_CHOICE[p.auth]))), claims: [...sentences.flatMap((s) => s.claims), ...rest.flatMap((p) => authSentence(p).claims)] });
    },

    AUTHORIZATION_MODEL: (c) => {
      const idp = c.withRole('identity-provider').filter((x) => c.facet(x).identity);
      const authed = c.r.gateways.filter((p) => p.auth !== 'none');
      if (!idp.length && authed.length) return fact(`none beyond authentication: any caller ${svcs(authed.map((p) => p.gateway))} lets in may call every route (no identity provider holds roles)`, { short: '' });
      if (!idp.length) return open('no identity provider is drawn to hold roles or scopes', { value: 'RBAC', because: 'roles are the simplest model most identity providers support' });
      return fact(andList(idp.map((k) => {
        const w = c.facet(k).identity!;
        const roles = w.roles(k);
        return `${w.authorization(k)} in ${name(k)}${roles.length ? ` with the realm roles ${andList(roles.map((r) => md(r, 40)))}` : ''}`;
      })), { short: andList(uniq(idp.map((k) => c.facet(k).identity!.authorization(k)))) });
    },

    RATE_LIMITING: (c) => {
      const plans = c.r.gateways;
      const limited = plans.filter((p) => p.rateLimit);
      const counters = c.flowsOver('redis').filter((f) => f.props.usage === 'rate-limit');
      if (!limited.length) return plans.length ? open(`no rate limit is set on ${svcs(plans.map((p) => p.gateway))}`, { value: '1000 req/min per user', because: 'the template’s starting point' }) : open('no gateway is drawn to limit callers');
      const claims: Claim[] = [];
      const parts = limited.map((p) => {
        const t = `${count(p.rateLimit!.perMinute)} requests per minute ${perWhom(p.rateLimit!.by)} at ${name(p.gateway)}`;
        claims.push({ type: 'rate-limit', text: t, gateway: p.gateway.service, perMinute: p.rateLimit!.perMinute });
        return `${t}, on every route`;
      });
      if (counters.length) parts.push(`counters kept in ${svcs(uniq(counters.map((f) => f.server ?? f.to)))}`);
      return fact(parts.join('; '), { short: `${count(limited[0]!.rateLimit!.perMinute)} req/min ${limited[0]!.rateLimit!.by === 'instance' ? 'per gateway instance' : perWhom(limited[0]!.rateLimit!.by)}`, claims });
    },

    API_VERSIONING: (c) => {
      const plans = c.r.gateways;
      if (!plans.length) return open('no gateway is drawn: versions are up to each API', { value: 'URL path versioning', because: 'versions visible in every route, no header to forward' });
      const versioned = plans.flatMap((p) => p.routes.filter((r) => r.version));
      const claims: Claim[] = versioned.map((r) => ({ type: 'versioned-route', text: md(r.path, 80), gateway: r.gateway.service, path: r.path, version: r.version! }));
      const unversioned = plans.flatMap((p) => p.routes.filter((r) => !r.version));
      if (versioned.length) {
        return fact(`URL path versioning: ${andList(versioned.map((r) => `${md(r.path, 80)} (${r.version})`), 8)}${unversioned.length ? `; not versioned yet: ${andList(unversioned.map((r) => md(r.path, 80)), 6)}` : ''}`, { short: 'URL path versioning', claims });
      }
      const setting = uniq(plans.map((p) => p.versioning).filter((v) => v !== 'none'));
      const header = plans.filter((p) => p.versioning === 'header' || p.versioning === 'query');
      if (header.length) return fact(`${andList(uniq(header.map((p) => (p.versioning === 'header' ? 'header versioning' : 'query-parameter versioning'))))} as set on ${svcs(header.map((p) => p.gateway))}: the routes forward the version to the services, which tell versions apart; the starter stack routes by path only`, { short: header[0]!.versioning === 'header' ? 'header versioning' : 'query-parameter versioning' });
      const routes = plans.flatMap((p) => p.routes);
      return open(`no route carries a version${routes.length ? ` (${andList(routes.map((r) => md(r.path, 60)), 6)} carry no version segment such as /v1)` : ''}`, setting.includes('url-path') ? { value: 'URL path versioning', because: `the gateway’s setting says so: give the route paths a /v1 segment` } : undefined);
    },

    REQUEST_RESPONSE_FORMAT: (c) => {
      const by = new Map<string, string[]>();
      for (const a of apis(c)) {
        const f = c.facet(a).format?.(a);
        if (!f) continue;
        const list = by.get(f);
        if (list) list.push(svc(a));
        else by.set(f, [svc(a)]);
      }
      if (!by.size) return open('no API states its payload format', { value: 'JSON', because: 'the default of the REST and GraphQL services' });
      return fact([...by].map(([f, ids]) => `${md(f)} (${andList(ids, 6)})`).join(', '), { short: [...by.keys()].map((x) => md(x)).join(', ') });
    },

    API_ERROR_HANDLING: (c) => {
      const r = resilient(c);
      const calls = c.flows('call');
      if (!calls.length) return open('no request-reply call is drawn');
      const parts: string[] = [];
      if (r.timeouts.some((f) => f.kind === 'call')) parts.push(`callers give up after their timeout (${timeoutList(r.timeouts.filter((f) => f.kind === 'call'))})`);
      const budget = r.budget.filter((f) => f.kind === 'call');
      if (budget.length) parts.push(r.timeouts.some((f) => f.kind === 'call') ? `${plural(budget.length, 'other call')} wait at most the ${ms(budget[0]!.resilience!.timeoutMs)} latency budget` : `calls wait at most the ${ms(budget[0]!.resilience!.timeoutMs)} latency budget (${plural(budget.length, 'call')})`);
      const retried = r.retries.filter((f) => f.kind === 'call');
      if (retried.length) parts.push(`transient failures are retried with exponential backoff on ${andList(retried.map((f) => `${callList([f])} ×${f.resilience!.retries}`), 6)}`);
      const broken = r.breakers.filter((f) => f.kind === 'call');
      if (broken.length) parts.push(`a circuit breaker opens after 5 errors on ${callList(broken, 6)}`);
      const claims: Claim[] = [];
      for (const p of c.r.gateways) {
        if (!p.routes.length) continue;
        const text = `${svc(p.gateway)} answers 504 when an upstream takes longer than ${andList(uniq(p.routes.map((x) => ms(x.timeoutMs))))}`;
        parts.push(text);
        for (const x of p.routes) claims.push({ type: 'route-timeout', text, gateway: p.gateway.service, path: x.path, timeoutMs: x.timeoutMs });
      }
      if (!r.timeouts.length && !budget.length && !retried.length && !broken.length && !c.r.gateways.some((p) => p.routes.length)) return open('no call sets a timeout, retries or a circuit breaker, and no latency target gives them a budget', { value: 'RFC 7807 problem details', because: 'one error shape for every API' });
      if (!r.timeouts.length && !budget.length && !retried.length && !broken.length) parts.push('no call sets a timeout, retries or a circuit breaker of its own');
      return fact(parts.join('; '), { short: andList([r.timeouts.length || budget.length ? 'timeouts' : 'gateway timeouts', retried.length ? 'retries with backoff' : '', broken.length ? 'circuit breakers' : ''].filter(Boolean)), claims });
    },

    DOCUMENTATION_STANDARD: (c) => {
      const std = uniq(apis(c).map((a) => c.facet(a).api!.standard));
      const routes = c.r.gateways.reduce((n, p) => n + p.routes.length, 0);
      const parts = std.map((s) => `${s} for ${svcs(apis(c).filter((a) => c.facet(a).api!.standard === s), 6)}`);
      if (routes) parts.push(`openapi.yaml in the bundle describes the ${plural(routes, 'gateway route')}`);
      if (brokers(c).length) parts.push('asyncapi.yaml in the bundle describes the channels');
      return parts.length ? fact(parts.join('; '), { short: andList(std.length ? std : ['OpenAPI 3']) }) : open('no API is drawn');
    },
  },
};

