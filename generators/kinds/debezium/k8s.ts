import type { Component, Flow } from '../../../shared/resolve';
import { capturedTables, cdcPrefix } from '../../../shared/resolve';
import { str } from '../../../shared/resolve/props';
import { envList, meta, objectLabels, service } from '../../k8s/build';
import { urlEnv } from '../../k8s/clientenv';
import type { K8sContext } from '../../k8s/context';
import { kafkaOf, kafkaUserName, STRIMZI } from '../../k8s/kafka';
import { COMPONENT_LABEL } from '../../k8s/platform';
import { facet } from '../../k8s/types';
import type { EnvEntry } from '../../k8s/types';

/** Debezium release whose connector plugins the Connect image is built with (the catalog's image). */
export const DEBEZIUM_VERSION = '2.7.3.Final';

/** The captured databases of a CDC connector, in design order. */
function sources(c: Component): Flow[] {
  return c.in.filter((f) => f.kind === 'cdc' && f.client === c);
}

/** Internal topics and group of the Connect worker. */
function internal(c: Component) {
  return { configs: `${c.service}.configs`, offsets: `${c.service}.offsets`, status: `${c.service}.status`, group: c.service };
}

/**
 * Debezium on Strimzi: a `KafkaConnect` (its image built by Strimzi with the Debezium plugins
 * of the captured databases, connector resources on) and a `KafkaConnector` per captured
 * database, writing the topics the model names. Credentials reach connector configs as
 * `${env:NAME}` (Kafka's EnvVarConfigProvider) from Secret keys in the Connect container.
 */
function objects(ctx: K8sContext, c: Component): void {
  const kafka = kafkaOf(c);
  const flow = kafka ? c.at.find((f) => f.client === c && f.server === kafka && f.host) : undefined;
  if (!kafka || !flow) {
    ctx.note(`\`${c.service}\` writes to no Kafka: no KafkaConnect was generated; connect it to a Kafka.`);
    return;
  }
  const user = kafkaUserName(ctx, kafka, c);
  const names = internal(c);
  const caps = sources(c).map((f) => ({ f, db: f.from, source: ctx.facet(f.from).cdcSource?.(ctx, f.from, f) }));
  const env: EnvEntry[] = [];
  const plugins: Array<Record<string, unknown>> = [];
  for (const cap of caps) {
    if (!cap.source) {
      ctx.note(`\`${cap.db.service}\` cannot be captured by Debezium; the connection ${cap.f.id} is left out.`);
      continue;
    }
    env.push(...cap.source.env);
    const name = cap.source.artifact;
    if (!plugins.some((p) => p.name === name)) plugins.push({ name, artifacts: [{ type: 'maven', group: 'io.debezium', artifact: name, version: DEBEZIUM_VERSION }] });
  }
  const labels = { [COMPONENT_LABEL]: c.service };
  ctx.add(c, {
    apiVersion: STRIMZI,
    kind: 'KafkaConnect',
    metadata: meta(ctx, c, c.service, { 'strimzi.io/use-connector-resources': 'true' }),
    spec: {
      replicas: 1,
      bootstrapServers: `${flow.host}:${flow.port}`,
      groupId: names.group,
      configStorageTopic: names.configs,
      offsetStorageTopic: names.offsets,
      statusStorageTopic: names.status,
      authentication: { type: 'scram-sha-512', username: user, passwordSecret: { secretName: user, password: 'password' } },
      config: {
        'config.storage.replication.factor': -1,
        'offset.storage.replication.factor': -1,
        'status.storage.replication.factor': -1,
        'config.providers': 'env',
        'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
        'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      },
      // Strimzi builds the worker image with the plugins and pushes it here: set your registry.
      build: { output: { type: 'docker', image: `registry.example.invalid/topoforge/${c.service}:${DEBEZIUM_VERSION}` }, plugins },
      resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
      template: { pod: { metadata: { labels } }, ...(env.length > 0 ? { connectContainer: { env: envList(env) } } : {}) },
    },
  });
  ctx.note(`\`${c.service}\`: Strimzi builds its Connect image with the Debezium plugins and pushes it to registry.example.invalid: set spec.build.output.image (and a pushSecret) to your registry.`);
  // A topic named on the connection to Kafka: every change event goes there (the messaging plan publishes it), routed by Kafka Connect's RegexRouter.
  const topic = str(flow.props, 'topic');
  for (const cap of caps) {
    if (!cap.source) continue;
    const prefix = cdcPrefix(c, cap.db, caps.map((x) => x.db));
    const route = topic ? { transforms: 'route', 'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter', 'transforms.route.regex': `${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\..*`, 'transforms.route.replacement': topic } : {};
    const tables = capturedTables(cap.db, cap.f).map((t) => `${t.schema}.${t.table}`);
    const extraTopics = cap.source.extraTopics ?? [];
    ctx.add(c, {
      apiVersion: STRIMZI,
      kind: 'KafkaConnector',
      metadata: { name: ctx.name('KafkaConnector', cap.f.id, `${c.service}-${cap.db.service}`, 253), labels: { ...objectLabels(ctx, c), 'strimzi.io/cluster': c.service } },
      spec: {
        class: cap.source.connectorClass,
        tasksMax: 1,
        config: {
          ...cap.source.config,
          'topic.prefix': prefix,
          [cap.source.includeKey]: tables.join(','),
          'snapshot.mode': str(c.props, 'snapshotMode') || 'initial',
          ...route,
          ...(extraTopics.length > 0
            ? {
                'schema.history.internal.kafka.topic': extraTopics[0]!,
                'schema.history.internal.kafka.bootstrap.servers': `${flow.host}:${flow.port}`,
                'schema.history.internal.producer.security.protocol': 'SASL_PLAINTEXT',
                'schema.history.internal.producer.sasl.mechanism': 'SCRAM-SHA-512',
                'schema.history.internal.producer.sasl.jaas.config': '${env:KAFKA_SASL_JAAS_CONFIG}',
                'schema.history.internal.consumer.security.protocol': 'SASL_PLAINTEXT',
                'schema.history.internal.consumer.sasl.mechanism': 'SCRAM-SHA-512',
                'schema.history.internal.consumer.sasl.jaas.config': '${env:KAFKA_SASL_JAAS_CONFIG}',
              }
            : {}),
        },
      },
    });
  }
  if (caps.some((x) => (x.source?.extraTopics ?? []).length > 0)) {
    // The schema history client logs in as the worker's own Kafka user.
    const spec = (ctx.objects.get(c)!.find((o) => o.kind === 'KafkaConnect')!.spec as { template: { connectContainer?: { env: unknown[] } } }).template;
    spec.connectContainer = { env: envList([...env, { name: 'KAFKA_SASL_JAAS_CONFIG', secret: { name: user, key: 'sasl.jaas.config' } }]) };
  }
  // The model's name for its REST API: a Service over the Connect pods (Strimzi's own is `<name>-connect-api`).
  service(ctx, c, [{ name: 'rest', port: c.listenPort, targetPort: 8083 }], { selector: { 'strimzi.io/cluster': c.service, 'strimzi.io/kind': 'KafkaConnect' } });
  const t = ctx.extra(c);
  t.self = true;
  t.apiServer = true;
}

export const k8s = facet({
  objects,
  clientEnv: (_ctx, s, f) => [urlEnv(s, f, 'http')],
  kafkaUse: (_ctx, c) => {
    const n = internal(c);
    return { topics: [{ name: n.configs, compact: true }, { name: n.offsets, compact: true }, { name: n.status, compact: true }], groups: [n.group] };
  },
});
