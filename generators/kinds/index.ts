import type { KindId } from '../../shared/catalog';
import { BROKER_HANDLERS } from '../stack/brokers';
import { GATEWAY_HANDLERS } from '../stack/gateways';
import { OBSERVABILITY_HANDLERS } from '../stack/observability';
import { SECURITY_HANDLERS } from '../stack/security';
import { SERVICE_HANDLERS } from '../stack/services';
import { STORE_HANDLERS } from '../stack/stores';
import { STREAMING_HANDLERS } from '../stack/streaming';
import type { KindModule } from './types';

export type { KindModule } from './types';

const STACK = { ...SERVICE_HANDLERS, ...GATEWAY_HANDLERS, ...STREAMING_HANDLERS, ...BROKER_HANDLERS, ...STORE_HANDLERS, ...OBSERVABILITY_HANDLERS, ...SECURITY_HANDLERS };

const stackOf = (id: KindId): KindModule['stack'] => STACK[id] ?? null;

/**
 * The module of every catalog kind, in one list. A `Record` over `KindId`: a kind in the catalog
 * without a module here does not compile.
 */
export const KIND_MODULES: { readonly [K in KindId]: KindModule } = {
  'rest-service': { id: 'rest-service', stack: stackOf('rest-service') },
  'grpc-service': { id: 'grpc-service', stack: stackOf('grpc-service') },
  'graphql-service': { id: 'graphql-service', stack: stackOf('graphql-service') },
  'web-app': { id: 'web-app', stack: stackOf('web-app') },
  worker: { id: 'worker', stack: stackOf('worker') },
  'batch-job': { id: 'batch-job', stack: stackOf('batch-job') },
  'iot-device': { id: 'iot-device', stack: stackOf('iot-device') },
  'saas-app': { id: 'saas-app', stack: null },
  'legacy-system': { id: 'legacy-system', stack: null },
  'sftp-server': { id: 'sftp-server', stack: stackOf('sftp-server') },
  kong: { id: 'kong', stack: stackOf('kong') },
  nginx: { id: 'nginx', stack: stackOf('nginx') },
  envoy: { id: 'envoy', stack: stackOf('envoy') },
  kafka: { id: 'kafka', stack: stackOf('kafka') },
  rabbitmq: { id: 'rabbitmq', stack: stackOf('rabbitmq') },
  nats: { id: 'nats', stack: stackOf('nats') },
  'mqtt-broker': { id: 'mqtt-broker', stack: stackOf('mqtt-broker') },
  'ibm-mq': { id: 'ibm-mq', stack: stackOf('ibm-mq') },
  'schema-registry': { id: 'schema-registry', stack: stackOf('schema-registry') },
  debezium: { id: 'debezium', stack: stackOf('debezium') },
  flink: { id: 'flink', stack: stackOf('flink') },
  postgres: { id: 'postgres', stack: stackOf('postgres') },
  mysql: { id: 'mysql', stack: stackOf('mysql') },
  mongodb: { id: 'mongodb', stack: stackOf('mongodb') },
  redis: { id: 'redis', stack: stackOf('redis') },
  elasticsearch: { id: 'elasticsearch', stack: stackOf('elasticsearch') },
  clickhouse: { id: 'clickhouse', stack: stackOf('clickhouse') },
  'object-storage': { id: 'object-storage', stack: stackOf('object-storage') },
  snowflake: { id: 'snowflake', stack: null },
  prometheus: { id: 'prometheus', stack: stackOf('prometheus') },
  grafana: { id: 'grafana', stack: stackOf('grafana') },
  jaeger: { id: 'jaeger', stack: stackOf('jaeger') },
  'otel-collector': { id: 'otel-collector', stack: stackOf('otel-collector') },
  keycloak: { id: 'keycloak', stack: stackOf('keycloak') },
  vault: { id: 'vault', stack: stackOf('vault') },
};

/** The module of a kind. */
export function kindModule(id: KindId): KindModule {
  return KIND_MODULES[id];
}
