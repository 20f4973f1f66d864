import { configMap, configVolume, container, secretEnv, setupJob, valueEnv } from '../../k8s/build';
import type { EnvEntry } from '../../k8s/types';
import { urlEnv } from '../../k8s/clientenv';
import { kafkaUserName, SASL_MECHANISM } from '../../k8s/kafka';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';
import { connectPlan, connectorJson, internalTopics } from './connectors';
import { workerCommand, workerEnv } from './stack';
import { REGISTER } from '../connect-register';

/**
 * Kafka Connect on Kubernetes: a Deployment of the same worker image (the plugins installed at
 * start, as in the starter stack), logging in to the Strimzi Kafka as its own KafkaUser (SCRAM)
 * for its state, its consumers and its producers; the connectors of the plan in a ConfigMap and a
 * Job that registers them over the REST API. Its internal topics and group get KafkaTopics and
 * ACLs (`kafkaUse`).
 */
export const k8s = facet({
  objects: (ctx, c) => {
    const plan = connectPlan(ctx.resolved, c);
    const flow = plan.kafka ? c.at.find((f) => f.client === c && f.server === plan.kafka && f.host) : undefined;
    for (const note of plan.notes) ctx.note(note);
    const env: EnvEntry[] = [];
    if (plan.kafka && flow) {
      const user = kafkaUserName(ctx, plan.kafka, c);
      for (const [k, v] of Object.entries(workerEnv(c.service, `${flow.host}:${flow.port}`, 8083))) env.push(valueEnv(k, v));
      // The worker, its consumers (sinks) and its producers (sources, dead-letter topics) each log in.
      for (const p of ['CONNECT_', 'CONNECT_CONSUMER_', 'CONNECT_PRODUCER_']) {
        env.push(valueEnv(`${p}SECURITY_PROTOCOL`, 'SASL_PLAINTEXT'), valueEnv(`${p}SASL_MECHANISM`, SASL_MECHANISM), secretEnv(`${p}SASL_JAAS_CONFIG`, { name: user, key: 'sasl.jaas.config' }));
      }
      env.push(valueEnv('CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR', '-1'), valueEnv('CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR', '-1'), valueEnv('CONNECT_STATUS_STORAGE_REPLICATION_FACTOR', '-1'));
    }
    // Later entries of the same name win in a container's env: keep one of each, the last.
    const byName = new Map(env.map((e) => [e.name, e]));
    const command = workerCommand(plan.plugins);
    runComponent(ctx, c, { env: [...byName.values()], size: 'medium', ...(command ? { command } : {}) });
    if (plan.connectors.length === 0) return;
    const files: Record<string, string> = { 'register-connectors.sh': REGISTER };
    for (const k of plan.connectors) files[`${k.name}.json`] = `${JSON.stringify(connectorJson(k), null, 2)}\n`;
    const cm = ctx.name('ConfigMap', `${c.id}/connectors`, `${c.service}-connectors`, 253);
    configMap(ctx, c, cm, files);
    setupJob(ctx, c, {
      id: 'register',
      name: `${c.service}-register`,
      volumes: [configVolume('connectors', cm)],
      container: container({ name: 'register', image: 'curlimages/curl:8.10.1', command: ['sh', '/connectors/register-connectors.sh'], env: [valueEnv('CONNECT_URL', `http://${c.service}:${c.listenPort}`)], size: 'tiny', volumeMounts: [{ name: 'connectors', mountPath: '/connectors', readOnly: true }] }),
    });
  },
  clientEnv: (_ctx, s, f) => [urlEnv(s, f, 'http')],
  kafkaUse: (ctx, c) => {
    const t = internalTopics(c.service);
    // Each sink connector consumes in its own group, `connect-<connector name>` (Connect's naming).
    const groups = [t.group, ...connectPlan(ctx.resolved, c).connectors.map((k) => `connect-${k.name}`)];
    return { topics: [{ name: t.configs, compact: true }, { name: t.offsets, compact: true }, { name: t.status, compact: true }], groups };
  },
});
