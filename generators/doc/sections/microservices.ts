import type { Claim, Section } from '../answer';
import { fact, open, unused } from '../answer';
import type { Ctx } from '../context';
import { described, name, names, protocolName, svc, svcs, uniq } from '../context';
import { brokers, callList, consumers, resilient, scrapers } from '../facts';
import { andList, literal, md } from '../markdown';

/** Microservices Integration: how the services you build find, call and protect each other. */

const built = (c: Ctx) => c.withRole('built');

export const microservices: Section = {
  title: 'Microservices Integration',
  unused: (c) => (built(c).length < 2 && c.r.gateways.length === 0 ? 'no microservices: fewer than two services are built and no gateway fronts them' : undefined),
  fields: {
    SERVICE_MESH: (c) => {
      const direct = c.flows('call').filter((f) => f.client?.roles.includes('built') && f.server?.roles.includes('built'));
      return fact(`none: ${direct.length ? `services call each other directly (${callList(direct, 4)})` : 'services do not call each other directly'}${c.r.gateways.length ? `, and outside callers come in through ${svcs(c.r.gateways.map((p) => p.gateway))}` : ''}`, { short: '' });
    },

    INTER_SERVICE_COMMUNICATION: (c) => {
      const set = new Set(built(c));
      const direct = c.flows('call').filter((f) => f.client && f.server && set.has(f.client) && set.has(f.server));
      const parts: string[] = [];
      if (direct.length) parts.push(`synchronous ${andList(uniq(direct.map((f) => protocolName(f.protocol!))))}: ${callList(direct, 6)}`);
      const b = brokers(c).filter((x) => c.plans().some((p) => p.broker === x && (p.publications.some((s) => set.has(s.client)) || p.subscriptions.some((s) => set.has(s.client)))));
      if (b.length) parts.push(`asynchronous through ${names(b)}`);
      if (parts.length) return fact(parts.join('; '), { short: andList([direct.length ? 'direct calls' : '', b.length ? 'asynchronous messaging' : ''].filter(Boolean)) });
      const fronted = built(c).filter((x) => c.r.gateways.some((p) => p.routes.some((r) => r.target === x)));
      return fronted.length ? fact(`none between services: ${svcs(fronted)} ${fronted.length === 1 ? 'is' : 'are'} only called through ${svcs(c.r.gateways.map((p) => p.gateway))}`, { short: '' }) : open('the services do not talk to each other yet');
    },

    MICROSERVICE_DISCOVERY: (c) => {
      const targets = uniq(c.dataFlows().map((f) => f.server).filter((x): x is NonNullable<typeof x> => !!x && x.containerised));
      if (!targets.length) return open('nothing is called inside the stack yet');
      return fact(`DNS on the stack’s networks: clients reach each component by its service name (${andList(targets.map((x) => literal(`${x.service}:${x.listenPort}`)), 6)})`, { short: 'DNS-based (Docker Compose)' });
    },

    LOAD_BALANCING: (c) => {
      const scaled = c.r.components.filter((x) => typeof x.props.replicas === 'number' && x.props.replicas > 1);
      const parts: string[] = [];
      if (scaled.length) parts.push(`round-robin DNS across the replicas of ${andList(scaled.map((x) => `${svc(x)} ×${String(x.props.replicas)}`))}`);
      const SHARED: Record<string, string> = { kafka: 'partitions', amqp: 'queues', jms: 'queues', nats: 'queue groups' };
      const shared = c.plans().filter((p) => p.subscriptions.length && SHARED[p.protocol]);
      if (shared.length) parts.push(`instances of a consumer share the work of their ${andList(uniq(shared.map((p) => SHARED[p.protocol]!)))}`);
      return parts.length ? fact(parts.join('; '), { short: scaled.length ? 'round-robin' : 'competing consumers' }) : fact('none needed: every service runs one instance', { short: '' });
    },

    CIRCUIT_BREAKER: (c) => {
      const r = resilient(c);
      const parts: string[] = [];
      if (r.breakers.length) parts.push(`opens after 5 errors on ${callList(r.breakers, 6)}`);
      for (const p of c.r.gateways) {
        const shed = c.facet(p.gateway).loadShedding?.(p.gateway);
        if (shed) parts.push(`${svc(p.gateway)} ${shed}`);
      }
      if (parts.length) return fact(parts.join('; '), { short: 'circuit breakers on calls' });
      return c.flows('call', 'query').length ? open('no call has a circuit breaker', { value: 'Resilience4j', because: 'the template’s first choice for JVM services' }) : unused('no request-reply call to break');
    },

    BULKHEAD_PATTERN: (c) => {
      const parts: string[] = [];
      const byLimit = new Map<number, string[]>();
      for (const w of consumers(c)) {
        const b = c.facet(w).worker?.(w);
        if (!b) continue;
        const list = byLimit.get(b.concurrency);
        if (list) list.push(svc(w));
        else byLimit.set(b.concurrency, [svc(w)]);
      }
      for (const [n, ws] of byLimit) parts.push(`${andList(ws, 8)} ${ws.length === 1 ? 'processes' : 'each process'} at most ${n} ${n === 1 ? 'message' : 'messages'} at a time`);
      const pools = c.flows('query').filter((f) => typeof f.props.poolSize === 'number');
      if (pools.length) parts.push(`each caller has its own connection pool (${andList(pools.map((f) => `${svc(f.client ?? f.from)} → ${svc(f.server ?? f.to)}: ${String(f.props.poolSize)}`), 6)})`);
      return parts.length ? fact(parts.join('; '), { short: 'bounded concurrency and separate pools' }) : open('no worker concurrency or connection pool is set', { value: 'thread pool isolation', because: 'one slow dependency cannot take every thread' });
    },

    SAGA_PATTERN: (c) => {
      const owners = built(c).filter((x) => x.out.some((f) => f.kind === 'query' && f.server?.roles.includes('database')) && x.at.some((f) => f.kind === 'message'));
      if (owners.length >= 2) return open(`${names(owners, 6)} each own a database and coordinate through events, but the drawing does not show how a failed step is undone`, { value: 'choreography saga', because: 'the services already react to each other’s events' });
      return fact('none needed: no business transaction spans two services that own a database each', { short: '' });
    },

    CQRS_PATTERN: (c) => {
      const fed = c.r.components.filter((x) => (x.roles.includes('search') || x.roles.includes('cache') || x.roles.includes('warehouse')) && x.in.some((f) => f.sink === x && f.source !== x && (consumers(c).includes(f.source) || f.source.roles.includes('stream-processor') || f.source.roles.includes('connector'))));
      if (fed.length) return fact(`read models in ${names(fed)}, fed asynchronously from events`, { short: 'separate read/write models' });
      return fact('none: each service reads and writes its own store', { short: '' });
    },

    MICROSERVICE_GATEWAY: (c) => {
      const g = c.r.gateways;
      if (!g.length && !c.flows('call').length) return unused('no API: the services talk through messages only');
      if (g.length) return fact(andList(g.map((p) => `${described(p.gateway)}`)), { short: andList(g.map((p) => md(p.gateway.kind.name))) });
      const called = uniq(c.flows('call').map((f) => f.server).filter((x): x is NonNullable<typeof x> => !!x && x.containerised));
      return fact(`none: callers reach ${svcs(called, 6)} directly`, { short: '' });
    },

    SERVICE_MONITORING: (c) => {
      const s = scrapers(c).filter((x) => x.targets.length);
      const traces = c.r.observability.traces.filter((t) => t.signals.includes('traces'));
      const dashboards = uniq(c.r.observability.dataSources.map((d) => d.dashboard));
      const claims: Claim[] = [];
      const parts: string[] = [];
      for (const x of s) parts.push(`${name(x.scraper)} scrapes ${svcs(x.targets, 10)}`);
      if (dashboards.length) parts.push(`dashboards in ${svcs(dashboards)}`);
      const sinks = uniq(traces.map((t) => t.receiver));
      if (sinks.length) parts.push(`traces sent over OTLP to ${svcs(sinks)}`);
      return parts.length ? fact(parts.join('; '), { short: andList([s.length ? 'Prometheus' : '', dashboards.length ? 'Grafana' : '', sinks.length ? 'tracing' : ''].filter(Boolean)), claims }) : open('nothing watches the services', { value: 'Prometheus + Grafana', because: 'both are in the catalog and the stack provisions them' });
    },
  },
};
