import type { KindId } from '../../shared/catalog';
import type { KindModule } from './types';
import { restService } from './rest-service';
import { grpcService } from './grpc-service';
import { graphqlService } from './graphql-service';
import { webApp } from './web-app';
import { worker } from './worker';
import { batchJob } from './batch-job';
import { iotDevice } from './iot-device';
import { saasApp } from './saas-app';
import { legacySystem } from './legacy-system';
import { sftpServer } from './sftp-server';
import { kong } from './kong';
import { nginx } from './nginx';
import { envoy } from './envoy';
import { kafka } from './kafka';
import { rabbitmq } from './rabbitmq';
import { nats } from './nats';
import { mqttBroker } from './mqtt-broker';
import { ibmMq } from './ibm-mq';
// ── Brokers added in catalog 1 ──
import { activemq } from './activemq';
import { schemaRegistry } from './schema-registry';
import { debezium } from './debezium';
import { flink } from './flink';
// ── Stream and data plumbing added in catalog 1 ──
import { kafkaConnect } from './kafka-connect';
import { postgres } from './postgres';
import { mysql } from './mysql';
import { mongodb } from './mongodb';
import { redis } from './redis';
import { elasticsearch } from './elasticsearch';
import { clickhouse } from './clickhouse';
import { objectStorage } from './object-storage';
import { snowflake } from './snowflake';
import { prometheus } from './prometheus';
import { grafana } from './grafana';
import { jaeger } from './jaeger';
import { otelCollector } from './otel-collector';
import { keycloak } from './keycloak';
import { vault } from './vault';
// Observability: log and trace stores.
import { loki } from './loki';
import { tempo } from './tempo';

export type { KindModule } from './types';

/**
 * The module of every catalog kind, in one list. A `Record` over `KindId`: a kind in the catalog
 * without a module here does not compile.
 */
export const KIND_MODULES: { readonly [K in KindId]: KindModule } = {
  'rest-service': restService,
  'grpc-service': grpcService,
  'graphql-service': graphqlService,
  'web-app': webApp,
  worker: worker,
  'batch-job': batchJob,
  'iot-device': iotDevice,
  'saas-app': saasApp,
  'legacy-system': legacySystem,
  'sftp-server': sftpServer,
  kong: kong,
  nginx: nginx,
  envoy: envoy,
  kafka: kafka,
  rabbitmq: rabbitmq,
  nats: nats,
  'mqtt-broker': mqttBroker,
  'ibm-mq': ibmMq,
  // ── Brokers added in catalog 1 ──
  activemq: activemq,
  'schema-registry': schemaRegistry,
  debezium: debezium,
  flink: flink,
  // ── Stream and data plumbing added in catalog 1 ──
  'kafka-connect': kafkaConnect,
  postgres: postgres,
  mysql: mysql,
  mongodb: mongodb,
  redis: redis,
  elasticsearch: elasticsearch,
  clickhouse: clickhouse,
  'object-storage': objectStorage,
  snowflake: snowflake,
  prometheus: prometheus,
  grafana: grafana,
  jaeger: jaeger,
  'otel-collector': otelCollector,
  keycloak: keycloak,
  vault: vault,
  // Observability: log and trace stores.
  loki: loki,
  tempo: tempo,
};

/** The module of a kind. */
export function kindModule(id: KindId): KindModule {
  return KIND_MODULES[id];
}
