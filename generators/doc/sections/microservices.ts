import type { Resolver } from '../context';
import { components, edgeText, filled, names, nodeName, num, open, protocolName, protocolsOf } from '../context';
import { scrapes, traced } from '../facts';
import { andList, code } from '../markdown';

/** Microservices Integration: how the services call, find, protect and watch each other. */

const SERVICES = ['rest-service', 'grpc-service', 'graphql-service', 'worker', 'batch-job'];

export const microservices: Record<string, Resolver> = {
  SERVICE_MESH: (c) => {
    const envoy = c.ofKind('envoy');
    return open(`no service mesh in the design${envoy.length ? ` (${andList(envoy.map((e) => code(e.id)))} is an edge proxy, not a mesh)` : ''}`, 'decide whether the production platform adds one (Istio, Linkerd)');
  },

  INTER_SERVICE_COMMUNICATION: (c) => {
    const between = c.dataEdges().filter((e) => e.from.kind?.category === 'service' && e.to.kind?.category === 'service' && SERVICES.includes(e.to.node.kind));
    const viaBroker = c.messagingEdges();
    const parts: string[] = [];
    if (between.length) parts.push(`direct ${andList(protocolsOf(between).map(protocolName))} calls: ${andList(between.map(edgeText), 6)}`);
    if (viaBroker.length) parts.push(`asynchronous through ${andList(protocolsOf(viaBroker).map(protocolName))}`);
    return parts.length ? filled(parts.join('; '), andList([...protocolsOf(between), ...protocolsOf(viaBroker)].map(protocolName))) : open('no two services talk to each other', 'draw the calls or messages between services');
  },

  MICROSERVICE_DISCOVERY: (c) => {
    const svcs = c.ofKind(...SERVICES);
    return svcs.length ? filled('Docker Compose DNS: each service is reachable by its node id', 'Compose DNS') : open('no services in the design', 'add services');
  },

  LOAD_BALANCING: (c) => {
    const scaled = c.nodes.filter((n) => (num(n.props, 'replicas') ?? 1) > 1);
    const gws = c.ofCategory('gateway');
    const parts: string[] = [];
    if (scaled.length) parts.push(`round-robin across replicas of ${andList(scaled.map((n) => `${code(n.id)} ×${num(n.props, 'replicas')}`))}`);
    if (gws.length) parts.push(`upstream balancing in ${andList(gws.map((g) => code(g.id)))}`);
    return parts.length ? filled(parts.join('; '), 'round-robin') : open('every service runs one replica and no gateway balances traffic', 'set Replicas above 1 on the services that need it');
  },

  CIRCUIT_BREAKER: (c) => {
    const cb = c.edges.filter((e) => e.props.circuitBreaker === true);
    const envoy = c.ofKind('envoy');
    const parts: string[] = [];
    if (cb.length) parts.push(`on ${andList(cb.map(edgeText), 6)} (opens after 5 errors)`);
    for (const e of envoy) parts.push(`Envoy ${code(e.id)} sheds load above ${num(e.props, 'circuitBreakerMaxRequests')} outstanding requests per upstream`);
    return parts.length ? filled(parts.join('; '), 'circuit breakers on calls') : open('no connection has a circuit breaker', 'turn on Circuit breaker on the calls to slow or external systems');
  },

  BULKHEAD_PATTERN: (c) => {
    const workers = c.ofKind('worker');
    const pools = c.edgesOf('sql', 'mongodb');
    const parts: string[] = [];
    if (workers.length) parts.push(`worker concurrency ${andList(workers.map((w) => `${num(w.props, 'concurrency')} in ${code(w.id)}`))}`);
    if (pools.length) parts.push(`separate connection pools per caller (${andList(pools.map((e) => `${code(e.from.id)} → ${code(e.to.id)}: ${num(e.props, 'poolSize')}`), 6)})`);
    return parts.length ? filled(parts.join('; '), 'thread-pool and connection-pool isolation') : open('no workers or connection pools to size', 'set Concurrency on workers and Connection pool on database connections');
  },

  SAGA_PATTERN: (c) => {
    const owners = c.nodes.filter((n) => SERVICES.includes(n.node.kind) && c.outOf(n.id).some((e) => e.to.kind?.category === 'store') && c.edgesAt(n.id).some((e) => e.protocol && ['kafka', 'amqp', 'nats', 'jms'].includes(e.protocol)));
    if (owners.length >= 2) return filled(`choreography saga candidates: ${names(owners, 6)} each own a store and coordinate through events; compensations are not drawn`, 'choreography saga');
    return open('fewer than two services both own a database and exchange events', 'decide how multi-service transactions are undone (choreography or orchestration saga)');
  },

  CQRS_PATTERN: (c) => {
    const READ = ['elasticsearch', 'clickhouse', 'redis', 'mongodb'];
    const fed = c.nodes.filter((n) => READ.includes(n.node.kind) && c.into(n.id).some((e) => e.from.kind?.category === 'broker' || e.from.kind?.category === 'plumbing' || e.from.node.kind === 'worker'));
    return fed.length ? filled(`read models in ${components(fed)}, fed asynchronously from the write side`, 'separate read/write models') : open('no read model is fed from another store’s changes', 'decide whether reads need their own model (e.g. Elasticsearch fed by CDC)');
  },

  MICROSERVICE_GATEWAY: (c) => {
    const gws = c.ofCategory('gateway');
    return gws.length ? filled(components(gws), names(gws, 3)) : open('no API gateway in the design', 'add Kong, NGINX or Envoy in front of the services');
  },

  SERVICE_MONITORING: (c) => {
    const s = scrapes(c).filter((x) => x.targets.length);
    const t = traced(c);
    const parts: string[] = [];
    if (s.length) parts.push(`${andList(s.map((x) => nodeName(x.prometheus)))} scrapes ${names(s.flatMap((x) => x.targets), 10)}`);
    if (c.ofKind('grafana').length) parts.push(`dashboards in ${andList(c.ofKind('grafana').map((g) => code(g.id)))}`);
    if (t.backends.length) parts.push(`traces to ${components(t.backends)}`);
    return parts.length ? filled(parts.join('; '), andList([s.length ? 'Prometheus' : '', c.ofKind('grafana').length ? 'Grafana' : '', t.backends.length ? 'tracing' : ''].filter(Boolean))) : open('no observability components in the design', 'add Prometheus (and Grafana, Jaeger) and connect the services to them');
  },
};
