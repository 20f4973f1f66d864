/**
 * Synthetic designs for benchmarks: `synthesizeDesign(n, seed)` builds a realistic design of
 * about `n` components (a cluster of 20 per business domain: a gateway and a web front end,
 * REST/gRPC/GraphQL services calling each other, a Kafka or RabbitMQ with producers and
 * consumers on named topics, PostgreSQL/MongoDB/Redis/search stores, workers, a batch job, a
 * SaaS dependency and CDC through Debezium), plus shared observability and security. About
 * 1.6 connections per component; host ports unique; the same seed gives the same design.
 * Every component has a layout position: each cluster is a 5 × 4 block, the blocks tile a
 * roughly 16:10 area (as a person would arrange them), the shared components sit in a row above.
 */
import type { Group, Protocol, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { seededRandom } from '../random';

const DOMAINS = ['orders', 'payments', 'shipping', 'catalog', 'customers', 'pricing', 'stock', 'returns', 'loyalty', 'search', 'billing', 'fraud'];
const SERVICE_KINDS = ['rest-service', 'rest-service', 'grpc-service', 'rest-service', 'graphql-service', 'grpc-service', 'rest-service', 'rest-service'];
const GATEWAYS = ['kong', 'nginx', 'envoy'];
/** Props that move a kind's host ports (set to unique numbers so the design has no clash). */
const PORT_PROPS: Record<string, string[]> = {
  kong: ['port', 'adminPort'],
  nginx: ['port'],
  envoy: ['port', 'adminPort'],
  kafka: ['port'],
  rabbitmq: ['port', 'managementPort'],
  postgres: ['port'],
  mongodb: ['port'],
  redis: ['port'],
  elasticsearch: ['port'],
  clickhouse: ['port', 'nativePort'],
  debezium: ['port'],
  prometheus: ['port'],
  grafana: ['port'],
  jaeger: ['port'],
  keycloak: ['port'],
  'schema-registry': ['port'],
  'rest-service': ['port'],
  'grpc-service': ['port'],
  'graphql-service': ['port'],
  'web-app': ['port'],
  worker: ['port'],
  'batch-job': ['port'],
};

/** Layout slot of one component (a node is 208 × 64 on the canvas) and the gap between clusters. */
const SLOT_W = 256;
const SLOT_H = 128;
const BLOCK_GAP = 192;

export function synthesizeDesign(n: number, seed = 1): Topology {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const doc = emptyTopology(`Synthetic${n}`);
  doc.description = `A synthetic design of about ${n} components for benchmarks.`;
  doc.requirements = { latencyP99Ms: 200, throughputTps: 800, availability: '99.9%', security: ['PCI DSS'] };
  const groups: Group[] = [
    { id: 'dmz', label: 'DMZ', trust: 'dmz', kind: 'zone' },
    { id: 'core', label: 'Core services', trust: 'internal', kind: 'zone' },
    { id: 'data', label: 'Data', trust: 'restricted', kind: 'zone' },
  ];
  doc.groups = groups;
  const nodes: TopoNode[] = [];
  const edges: TopoEdge[] = [];
  let nextPort = 20000;
  // Layout: a cluster is a 5 × 4 block of slots; blocks tile the plane row by row.
  const clusters = Math.max(1, Math.ceil((n - 5) / 20));
  const blockW = 5 * SLOT_W + BLOCK_GAP;
  const blockH = 4 * SLOT_H + BLOCK_GAP;
  const perRow = Math.max(1, Math.ceil(Math.sqrt((clusters * 1.6 * blockH) / blockW)));
  let cluster = -1;
  let slot = 0;
  const add = (id: string, kind: string, label: string, group: string | undefined, props: Record<string, unknown> = {}): string => {
    for (const key of PORT_PROPS[kind] ?? []) props[key] = nextPort++;
    const node: TopoNode = { id, kind, label, props };
    if (group) node.group = group;
    nodes.push(node);
    const s = slot++;
    doc.layout[id] =
      cluster < 0
        ? { x: s * SLOT_W * 2, y: -2 * SLOT_H }
        : { x: (cluster % perRow) * blockW + (s % 5) * SLOT_W, y: Math.floor(cluster / perRow) * blockH + Math.floor(s / 5) * SLOT_H };
    return id;
  };
  const link = (from: string, to: string, protocol?: Protocol, props: Record<string, unknown> = {}) => {
    const e: TopoEdge = { from, to, props };
    if (protocol) e.protocol = protocol;
    edges.push(e);
  };

  const prom = add('prometheus', 'prometheus', 'Prometheus', 'core');
  const graf = add('grafana', 'grafana', 'Grafana', 'core');
  const idp = add('keycloak', 'keycloak', 'Keycloak', 'core');
  const traces = add('jaeger', 'jaeger', 'Jaeger', 'core');
  const registry = add('schema-registry', 'schema-registry', 'Schema Registry', 'core');
  link(graf, prom);

  for (let c = 0; nodes.length < n; c++) {
    cluster = c;
    slot = 0;
    const domain = DOMAINS[c % DOMAINS.length]!;
    const label = (s: string) => `${domain[0]!.toUpperCase()}${domain.slice(1)}-${c} ${s}`;
    const id = (s: string) => `${domain}-${s}-${c}`;
    const gw = add(id('gw'), GATEWAYS[c % GATEWAYS.length]!, label('gateway'), 'dmz', { auth: pick(['jwt', 'oidc', 'key-auth']) });
    const web = add(id('web'), 'web-app', label('web'), 'dmz');
    const services: string[] = [];
    for (let i = 0; i < 8; i++) {
      const kind = SERVICE_KINDS[i]!;
      services.push(add(id(`svc${i}`), kind, label(`service ${i}`), 'core', { latencyMs: 5 + Math.floor(random() * 40), replicas: 1 + Math.floor(random() * 3) }));
    }
    const workers = [add(id('w0'), 'worker', label('worker 0'), 'core', { concurrency: 8 }), add(id('w1'), 'worker', label('worker 1'), 'core')];
    const kafka = c % 3 !== 2;
    const broker = add(id('bus'), kafka ? 'kafka' : 'rabbitmq', label(kafka ? 'events' : 'queues'), 'core', kafka ? { serialization: 'avro', topics: [{ name: `${domain}.${c}.t0`, partitions: 6, deadLetter: true }] } : {});
    const pg = add(id('pg'), 'postgres', label('db'), 'data', { tables: ['orders', 'items'] });
    const cache = add(id('cache'), 'redis', label('cache'), 'data');
    const docs = add(id('docs'), 'mongodb', label('documents'), 'data');
    const search = add(id('search'), c % 2 ? 'elasticsearch' : 'clickhouse', label('analytics'), 'data');
    const job = add(id('job'), 'batch-job', label('nightly job'), 'core');
    const saas = add(id('saas'), 'saas-app', label('partner'), undefined, { vendor: 'Partner' });
    const extra = kafka ? add(id('cdc'), 'debezium', label('cdc'), 'core') : add(id('w2'), 'worker', label('worker 2'), 'core');

    link(web, gw, 'http');
    if (random() < 0.5) link(gw, idp, 'http');
    for (let i = 0; i < 4; i++) link(gw, services[i]!, undefined, { path: `/${domain}/v${i}` });
    for (let i = 0; i < 4; i++) link(services[i]!, services[i + 4]!, undefined, random() < 0.5 ? { timeoutMs: 800, circuitBreaker: true } : {});
    const proto: Protocol = kafka ? 'kafka' : 'amqp';
    const channel = kafka ? 'topic' : 'exchange';
    for (let i = 0; i < 4; i++) link(services[i]!, broker, proto, { [channel]: `${domain}.${c}.t${i}`, tps: 50 + Math.floor(random() * 200) });
    link(broker, workers[0]!, proto, { [channel]: `${domain}.${c}.t0`, retries: 3, deadLetter: true });
    link(broker, workers[0]!, proto, { [channel]: `${domain}.${c}.t1` });
    link(broker, workers[1]!, proto, { [channel]: `${domain}.${c}.t2`, retries: 2, deadLetter: true });
    link(broker, workers[1]!, proto, { [channel]: `${domain}.${c}.t3` });
    link(services[0]!, pg);
    link(services[1]!, pg, 'sql', { access: 'read' });
    link(services[2]!, docs);
    link(services[3]!, cache);
    link(services[5]!, docs, 'mongodb', { access: 'read' });
    link(services[6]!, cache, 'redis', { usage: 'session' });
    link(services[7]!, search, c % 2 ? 'http' : 'sql');
    link(services[4]!, saas, 'http', { timeoutMs: 2000 });
    link(workers[0]!, search, c % 2 ? 'http' : 'sql');
    link(workers[1]!, cache);
    link(job, pg, 'sql', { access: 'read' });
    if (kafka) {
      link(pg, extra, 'cdc');
      link(extra, broker, 'kafka');
      link(broker, workers[1]!, 'kafka', { topic: `cdc.public.orders` });
      link(services[0]!, registry, 'http');
    } else {
      link(broker, extra, 'amqp', { exchange: `${domain}.${c}.t0`, queue: `${domain}-${c}-audit` });
      link(extra, docs);
    }
    if (GATEWAYS[c % GATEWAYS.length] !== 'nginx') link(prom, gw, 'metrics'); // NGINX has no metrics endpoint
    if (c % 2 === 0) link(prom, services[0]!, 'metrics');
    link(services[0]!, traces, 'otlp');
  }
  doc.nodes = nodes;
  doc.edges = edges;
  return doc;
}
