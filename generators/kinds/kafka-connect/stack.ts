import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { toJson } from '../../stack/text';
import { cfg, mainService, sideService } from '../../stack/base';
import { mergeEnv, wireClient } from '../../stack/wiring';
import { KAFKA_INTERNAL_PORT } from '../../../shared/catalog';
import { connectPlan, connectorJson, internalTopics } from './connectors';
import { REGISTER } from '../connect-register';


/** The worker's settings, as the cp-kafka-connect image reads them (CONNECT_<property>, dots as underscores). */
export function workerEnv(service: string, bootstrap: string, restPort: number): Record<string, string> {
  const t = internalTopics(service);
  return {
    CONNECT_BOOTSTRAP_SERVERS: bootstrap,
    CONNECT_REST_PORT: String(restPort),
    CONNECT_REST_ADVERTISED_HOST_NAME: service,
    CONNECT_GROUP_ID: t.group,
    CONNECT_CONFIG_STORAGE_TOPIC: t.configs,
    CONNECT_OFFSET_STORAGE_TOPIC: t.offsets,
    CONNECT_STATUS_STORAGE_TOPIC: t.status,
    CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR: '1',
    CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR: '1',
    CONNECT_STATUS_STORAGE_REPLICATION_FACTOR: '1',
    CONNECT_KEY_CONVERTER: 'org.apache.kafka.connect.storage.StringConverter',
    CONNECT_VALUE_CONVERTER: 'org.apache.kafka.connect.json.JsonConverter',
    CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE: 'false',
    CONNECT_PLUGIN_PATH: '/usr/share/java,/usr/share/confluent-hub-components',
    // Connector configs read credentials as ${env:NAME} from this container's environment.
    CONNECT_CONFIG_PROVIDERS: 'env',
    CONNECT_CONFIG_PROVIDERS_ENV_CLASS: 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
  };
}

/** The container command: install the plugins, then start the worker as the image does. */
export function workerCommand(plugins: readonly string[]): string[] | undefined {
  if (plugins.length === 0) return undefined;
  const install = plugins.map((p) => `confluent-hub install --no-prompt ${p}`).join(' && ');
  return ['bash', '-c', `${install} && exec /etc/confluent/docker/run`];
}

/**
 * Kafka Connect: a distributed worker keeping its state in three topics of its Kafka, the
 * plugins of its connectors installed from Confluent Hub at start, and a one-shot that
 * registers the sink connectors the drawing implies (`connectPlan`). The worker gets the
 * environment of its connections (the generic client wiring), which the connector configs name.
 */
function kafkaConnect(ctx: StackContext, n: RNode): void {
  const plan = connectPlan(ctx.resolved, n);
  const bootstrap = plan.kafka ? `${plan.kafka.service}:${KAFKA_INTERNAL_PORT}` : `kafka:${KAFKA_INTERNAL_PORT}`;
  const command = workerCommand(plan.plugins);
  const spec = mainService(ctx, n, command ? { command } : {});
  Object.assign(spec.environment, workerEnv(n.service, bootstrap, 8083));
  mergeEnv(spec, wireClient(ctx, n));
  for (const note of plan.notes) ctx.note(note);
  if (plan.connectors.length === 0) return;
  for (const k of plan.connectors) ctx.addFile(cfg(n, `connectors/${k.name}.json`), toJson(connectorJson(k)));
  const script = ctx.addFile(cfg(n, 'register-connectors.sh'), REGISTER, 0o755);
  sideService(ctx, n, 'register', {
    description: `Registers the connectors of ${n.service} (one-shot)`,
    image: 'curlimages/curl:8.10.1',
    entrypoint: ['sh', '/register-connectors.sh'],
    environment: { CONNECT_URL: `http://${n.service}:${n.listenPort}` },
    binds: [
      { source: script, target: '/register-connectors.sh', readOnly: true },
      { source: cfg(n, 'connectors'), target: '/connectors', readOnly: true },
    ],
    needs: [{ service: n.service, condition: 'service_healthy' }, ...plan.connectors.map((k) => ({ service: k.target.service, condition: 'service_started' as const }))],
    oneShot: true,
  });
}

export const stack: StackFacet = {
  services: kafkaConnect,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
