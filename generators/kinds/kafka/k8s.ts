import type { Component } from '../../../shared/resolve';
import { meta, objectLabels, secretEnv, selectorOf, valueEnv } from '../../k8s/build';
import { addrOf, clientPlan, listOf } from '../../k8s/clientenv';
import type { K8sContext } from '../../k8s/context';
import { kafkaPlan, kafkaTopicName, kafkaUserName, SASL_MECHANISM, STRIMZI } from '../../k8s/kafka';
import { COMPONENT_LABEL, KAFKA_LISTENER } from '../../k8s/platform';
import { facet } from '../../k8s/types';
import type { EnvEntry } from '../../k8s/types';

/**
 * Kafka through Strimzi (KRaft): a `Kafka` with one dual-role `KafkaNodePool`, an internal
 * listener on the port the model gives its clients, SCRAM-SHA-512 authentication and simple
 * authorization; a `KafkaTopic` for every channel of the messaging plan (dead-letter topics
 * included); a `KafkaUser` per client with ACLs for exactly its drawn topics and groups.
 */

type Acl = { resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' }; operations: string[] };

function clientsOf(c: Component): Component[] {
  const out: Component[] = [];
  for (const f of c.at) if (f.protocol === 'kafka' && f.server === c && f.client && f.client !== c && !out.includes(f.client)) out.push(f.client);
  return out;
}

function topicsOf(ctx: K8sContext, c: Component): Array<{ name: string; partitions: number; retentionHours: number; compact: boolean; role: string }> {
  const plan = kafkaPlan(ctx, c);
  const topics: Array<{ name: string; partitions: number; retentionHours: number; compact: boolean; role: string }> = (plan?.channels ?? []).map((t) => ({ name: t.name, partitions: t.partitions ?? 3, retentionHours: t.retentionHours ?? 168, compact: t.cleanupPolicy === 'compact', role: t.role }));
  const add = (name: string, compact: boolean) => {
    if (!topics.some((t) => t.name === name)) topics.push({ name, partitions: compact ? 1 : 3, retentionHours: 168, compact, role: 'internal' });
  };
  for (const client of clientsOf(c)) {
    for (const t of ctx.facet(client).kafkaUse?.(ctx, client).topics ?? []) add(t.name, t.compact === true);
    for (const f of client.in) {
      if (f.kind !== 'cdc' || f.client !== client) continue;
      for (const t of ctx.facet(f.from).cdcSource?.(ctx, f.from, f).extraTopics ?? []) add(t, false);
    }
  }
  return topics;
}

function aclsOf(ctx: K8sContext, c: Component, client: Component): Acl[] {
  const plan = kafkaPlan(ctx, c);
  const rights = new Map<string, Set<string>>();
  const allow = (type: 'topic' | 'group', name: string, ...ops: string[]) => {
    const key = `${type}\u0000${name}`;
    const set = rights.get(key) ?? new Set<string>();
    for (const op of ops) set.add(op);
    rights.set(key, set);
  };
  const mine = clientPlan(plan, client);
  for (const p of mine.publications) allow('topic', p.channel, 'Write', 'Describe');
  for (const s of mine.subscriptions) {
    for (const t of s.channels) allow('topic', t, 'Read', 'Describe');
    for (const t of s.deadLetter) allow('topic', t, 'Write', 'Describe');
    if (s.group) allow('group', s.group, 'Read');
  }
  const use = ctx.facet(client).kafkaUse?.(ctx, client);
  for (const t of use?.topics ?? []) allow('topic', t.name, 'All');
  for (const g of use?.groups ?? []) allow('group', g, 'All');
  for (const f of client.in) {
    if (f.kind !== 'cdc' || f.client !== client) continue;
    for (const t of ctx.facet(f.from).cdcSource?.(ctx, f.from, f).extraTopics ?? []) allow('topic', t, 'All');
  }
  return [...rights].map(([key, ops]) => {
    const [type, name] = key.split('\u0000') as ['topic' | 'group', string];
    return { resource: { type, name, patternType: 'literal' }, operations: [...ops] };
  });
}

function objects(ctx: K8sContext, c: Component): void {
  const cluster = c.service;
  const labels = { [COMPONENT_LABEL]: cluster };
  const clients = clientsOf(c);
  const pool = ctx.name('KafkaNodePool', c.id, 'dual');
  const scrape = ctx.exporterScrape(c);
  const port = c.listenPort;
  ctx.add(c, {
    apiVersion: STRIMZI,
    kind: 'KafkaNodePool',
    metadata: { name: pool, labels: { ...objectLabels(ctx, c), 'strimzi.io/cluster': cluster } },
    spec: {
      replicas: 1,
      roles: ['controller', 'broker'],
      storage: { type: 'jbod', volumes: [{ id: 0, type: 'persistent-claim', size: '10Gi', deleteClaim: false, kraftMetadata: 'shared' }] },
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      template: { pod: { metadata: { labels } } },
    },
  });
  ctx.add(c, {
    apiVersion: STRIMZI,
    kind: 'Kafka',
    metadata: meta(ctx, c, cluster, { 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' }),
    spec: {
      kafka: {
        listeners: [
          {
            name: KAFKA_LISTENER,
            port,
            type: 'internal',
            tls: false,
            authentication: { type: 'scram-sha-512' },
            // Strimzi's own NetworkPolicy for the listener admits exactly the drawn clients.
            ...(clients.length > 0 ? { networkPolicyPeers: clients.map((x) => ({ podSelector: { matchLabels: selectorOf(x) } })) } : {}),
          },
        ],
        authorization: { type: 'simple' },
        config: {
          'auto.create.topics.enable': false,
          'default.replication.factor': 1,
          'min.insync.replicas': 1,
          'offsets.topic.replication.factor': 1,
          'transaction.state.log.replication.factor': 1,
          'transaction.state.log.min.isr': 1,
        },
        template: { pod: { metadata: { labels } } },
      },
      entityOperator: { topicOperator: {}, userOperator: {}, template: { pod: { metadata: { labels } } } },
      ...(scrape ? { kafkaExporter: { topicRegex: '.*', groupRegex: '.*', template: { pod: { metadata: { labels } } } } } : {}),
    },
  });
  // The name the model gives Kafka's clients: a Service over the brokers (Strimzi's own is `<cluster>-kafka-bootstrap`).
  ctx.registerService({ name: cluster, component: c, ports: [{ name: 'kafka', port, targetPort: port }], emitted: true });
  ctx.add(c, { apiVersion: 'v1', kind: 'Service', metadata: meta(ctx, c, cluster), spec: { selector: { 'strimzi.io/cluster': cluster, 'strimzi.io/broker-role': 'true' }, ports: [{ name: 'kafka', port, targetPort: port, protocol: 'TCP' }] } });
  if (scrape) {
    // Strimzi's Kafka Exporter listens on 9404; the model's exporter port maps to it.
    ctx.registerService({ name: scrape.service, component: c, ports: [{ name: 'metrics', port: scrape.port, targetPort: 9404 }], emitted: true });
    ctx.add(c, { apiVersion: 'v1', kind: 'Service', metadata: meta(ctx, c, scrape.service), spec: { selector: { 'strimzi.io/name': `${cluster}-kafka-exporter` }, ports: [{ name: 'metrics', port: scrape.port, targetPort: 9404, protocol: 'TCP' }] } });
  }
  const topics = topicsOf(ctx, c);
  for (const t of topics) {
    ctx.add(c, {
      apiVersion: STRIMZI,
      kind: 'KafkaTopic',
      metadata: { name: kafkaTopicName(ctx, c, t.name), labels: { ...objectLabels(ctx, c), 'strimzi.io/cluster': cluster } },
      spec: {
        topicName: t.name,
        partitions: t.partitions,
        replicas: 1,
        config: { 'retention.ms': t.retentionHours * 3_600_000, 'cleanup.policy': t.compact ? 'compact' : 'delete', 'min.insync.replicas': 1 },
      },
    });
  }
  for (const client of clients) {
    const acls = aclsOf(ctx, c, client);
    ctx.add(c, {
      apiVersion: STRIMZI,
      kind: 'KafkaUser',
      metadata: { name: kafkaUserName(ctx, c, client), labels: { ...objectLabels(ctx, c), 'strimzi.io/cluster': cluster } },
      spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls } },
    });
  }
  // The operator, its entity operator and the brokers talk among themselves and to the Kubernetes API.
  const t = ctx.extra(c);
  t.self = true;
  t.apiServer = true;
  ctx.scaling.set(c, {
    apiVersion: STRIMZI,
    kind: 'KafkaNodePool',
    name: pool,
    path: '/spec/replicas',
    pdb: false,
    more: (members) => [
      {
        target: { group: 'kafka.strimzi.io', version: 'v1', kind: 'Kafka', name: cluster },
        ops: [
          { op: 'replace', path: '/spec/kafka/config/default.replication.factor', value: members },
          { op: 'replace', path: '/spec/kafka/config/min.insync.replicas', value: members - 1 },
          { op: 'replace', path: '/spec/kafka/config/offsets.topic.replication.factor', value: members },
          { op: 'replace', path: '/spec/kafka/config/transaction.state.log.replication.factor', value: members },
          { op: 'replace', path: '/spec/kafka/config/transaction.state.log.min.isr', value: members - 1 },
        ],
      },
      ...(topics.length > 0
        ? [
            {
              target: { group: 'kafka.strimzi.io', version: 'v1', kind: 'KafkaTopic', labelSelector: `strimzi.io/cluster=${cluster}` },
              ops: [
                { op: 'replace' as const, path: '/spec/replicas', value: members },
                { op: 'replace' as const, path: '/spec/config/min.insync.replicas', value: members - 1 },
              ],
            },
          ]
        : []),
    ],
  });
}

/** What a client of this Kafka gets: the bootstrap address, its SCRAM user (password from its KafkaUser's Secret), its topics and group. */
function clientEnv(ctx: K8sContext, s: Component, f: { host?: string; port?: number }, client: Component): EnvEntry[] {
  const plan = kafkaPlan(ctx, s);
  const user = kafkaUserName(ctx, s, client);
  const bootstrap = addrOf(f as never);
  const mine = clientPlan(plan, client);
  const produced = mine.publications.map((p) => p.channel);
  const consumed = mine.subscriptions;
  const out: EnvEntry[] = [
    valueEnv('KAFKA_BOOTSTRAP_SERVERS', bootstrap),
    valueEnv(`${s.envPrefix}_BOOTSTRAP_SERVERS`, bootstrap),
    valueEnv('KAFKA_SECURITY_PROTOCOL', 'SASL_PLAINTEXT'),
    valueEnv('KAFKA_SASL_MECHANISM', SASL_MECHANISM),
    valueEnv('KAFKA_SASL_USERNAME', user),
    secretEnv('KAFKA_SASL_PASSWORD', { name: user, key: 'password' }),
    secretEnv('KAFKA_SASL_JAAS_CONFIG', { name: user, key: 'sasl.jaas.config' }),
  ];
  if (produced.length > 0) out.push(valueEnv('TOPICS_PRODUCE', listOf(produced)));
  if (consumed.length > 0) {
    out.push(valueEnv('TOPICS_CONSUME', listOf(consumed.flatMap((x) => x.channels))));
    if (consumed[0]!.group) out.push(valueEnv('KAFKA_CONSUMER_GROUP', listOf([consumed[0]!.group])));
    const dlt = consumed.flatMap((x) => x.deadLetter);
    if (dlt.length > 0) out.push(valueEnv('TOPICS_DEAD_LETTER', listOf(dlt)));
    const retries = Math.max(...consumed.map((x) => x.retries));
    if (retries > 0) out.push(valueEnv('CONSUMER_MAX_RETRIES', String(retries)));
  }
  const registry = s.at.find((x) => x.client?.roles.includes('schema-registry') && x.client.containerised)?.client;
  if (registry) out.push(valueEnv('SCHEMA_REGISTRY_URL', `http://${registry.service}:${registry.listenPort}`));
  return out;
}

export const k8s = facet({ objects, clientEnv, clustered: true });
