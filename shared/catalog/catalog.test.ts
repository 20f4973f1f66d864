import { describe, expect, it } from 'vitest';
import { CATEGORIES, KINDS, compatibleProtocols, defaultProtocol, getKind } from './index';
import { PROTOCOLS } from '../model/types';

const PRODUCT_KINDS = [
  'rest-service', 'grpc-service', 'graphql-service', 'web-app', 'worker', 'batch-job', 'iot-device', 'saas-app', 'legacy-system', 'sftp-server',
  'kong', 'nginx', 'envoy', 'kafka', 'rabbitmq', 'nats', 'mqtt-broker', 'ibm-mq', 'schema-registry', 'debezium', 'flink',
  // Added in catalog 1.
  'kafka-connect', 'activemq',
  'postgres', 'mysql', 'mongodb', 'redis', 'elasticsearch', 'clickhouse', 'object-storage', 'snowflake',
  'prometheus', 'grafana', 'jaeger', 'otel-collector', 'keycloak', 'vault',
  // Observability: log and trace stores.
  'loki', 'tempo',
];

describe('catalog', () => {
  it('has exactly the kinds of the format, each once', () => {
    expect(KINDS.map((k) => k.id).sort()).toEqual([...PRODUCT_KINDS].sort());
  });

  it('marks SaaS, legacy systems and Snowflake external, with no image', () => {
    for (const k of KINDS) {
      if (['saas-app', 'legacy-system', 'snowflake'].includes(k.id)) {
        expect(k.external).toBe(true);
        expect(k.image).toBeUndefined();
      }
    }
  });

  it('gives infrastructure kinds a pinned image, ports and a health check', () => {
    const userBuilt = new Set(['rest-service', 'grpc-service', 'graphql-service', 'web-app', 'worker', 'batch-job', 'iot-device']);
    for (const k of KINDS.filter((k) => !k.external && !userBuilt.has(k.id))) {
      expect(k.image, k.id).toMatch(/:[^:]+$/);
      expect(k.image, k.id).not.toMatch(/:latest$/);
      expect(k.ports?.length, k.id).toBeGreaterThan(0);
      expect(k.healthcheck?.test.length, k.id).toBeGreaterThan(0);
    }
  });

  it('describes every prop with a default inside its bounds and a help text', () => {
    for (const k of KINDS) {
      for (const p of k.props) {
        expect(p.help.length, `${k.id}.${p.key}`).toBeGreaterThan(3);
        if (p.type === 'integer') {
          expect(Number.isInteger(p.default), `${k.id}.${p.key}`).toBe(true);
          expect(p.default as number).toBeGreaterThanOrEqual(p.min!);
          expect(p.default as number).toBeLessThanOrEqual(p.max!);
        }
        if (p.type === 'enum') expect(p.options).toContain(p.default);
      }
    }
  });

  it('uses only known categories and protocols', () => {
    const cats = CATEGORIES.map((c) => c.id) as string[];
    for (const k of KINDS) {
      expect(cats).toContain(k.category);
      for (const p of [...k.emits, ...k.accepts]) expect(PROTOCOLS).toContain(p);
    }
  });

  it('knows what connects: a service publishes to Kafka; PostgreSQL cannot consume from Kafka', () => {
    const svc = getKind('rest-service')!, kafka = getKind('kafka')!, pg = getKind('postgres')!;
    expect(compatibleProtocols(svc, kafka)).toEqual(['kafka']);
    expect(compatibleProtocols(kafka, pg)).toEqual([]);
    expect(compatibleProtocols(pg, getKind('debezium')!)).toEqual(['cdc']);
  });

  it('takes the target default when several protocols fit', () => {
    expect(defaultProtocol(getKind('kong')!, getKind('rest-service')!)).toBe('http');
    expect(defaultProtocol(getKind('rest-service')!, getKind('graphql-service')!)).toBe('graphql');
  });

  it('understands observability links either way', () => {
    const prom = getKind('prometheus')!, svc = getKind('rest-service')!, graf = getKind('grafana')!;
    expect(compatibleProtocols(svc, prom)).toContain('metrics');
    expect(compatibleProtocols(prom, svc)).toContain('metrics');
    expect(compatibleProtocols(graf, prom)).toContain('metrics');
    expect(compatibleProtocols(prom, graf)).toContain('metrics');
    expect(compatibleProtocols(svc, graf)).not.toContain('metrics');
    expect(compatibleProtocols(getKind('jaeger')!, svc)).toContain('otlp');
  });
});
