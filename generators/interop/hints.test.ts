import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindIds } from '../../shared/catalog';
import { PROTOCOLS } from '../../shared/model/types';
import { readName, words } from './hints';

const HERE = dirname(fileURLToPath(import.meta.url));

describe('reading names with the import table', () => {
  it('takes the last word that matters, as in an English compound', () => {
    const kind = (name: string) => readName(name).meaning?.kind.id ?? '-';
    expect(kind('orders-db')).toBe('postgres');
    expect(kind('temporal-postgresql')).toBe('postgres');
    expect(kind('grafana-server')).toBe('grafana');
    expect(kind('mqtt-broker')).toBe('mqtt-broker');
    expect(kind('KafkaBroker')).toBe('kafka');
    expect(kind('Redis Cache')).toBe('redis');
    expect(kind('minio1')).toBe('object-storage');
    // A product followed by another word is a tool of it, not the product.
    expect(kind('kafka-ui')).toBe('web-app');
    expect(kind('mqtt-kafka-connector')).toBe('worker');
    expect(kind('kafka-timescale-sink')).toBe('worker');
    expect(kind('mqttbridge')).toBe('worker');
    expect(kind('nats-surveyor')).toBe('-');
    expect(readName('nats-surveyor').mentions.map((k) => k.id)).toEqual(['nats']);
    // "server" and "service" say it runs; what comes before says what it is.
    expect(kind('customers-service')).toBe('rest-service');
    expect(readName('customers-service').meaning?.strength).toBe('suffix');
    expect(kind('Jaeger Query Service')).toBe('jaeger');
    expect(kind('certgen-api')).toBe('rest-service');
    expect(kind('temporal-ui')).toBe('web-app');
  });

  it('splits camelCase and known compounds but keeps product names whole', () => {
    expect(words('KafkaBroker')).toEqual(['kafka', 'broker']);
    expect(words('PostgreSQL')).toEqual(['postgresql']);
    expect(words('nodeexporter')).toEqual(['nodeexporter']);
    expect(words('mqttbridge')).toEqual(['mqtt', 'bridge']);
    expect(words('jaeger v2 collector mode')).toEqual(['jaeger', 'collector']);
  });
});

describe('the importers name no kind', () => {
  it('every kind they produce comes from the import table or the catalog', () => {
    // Protocol names that are also kind ids (kafka, redis …) are protocols in this code.
    const ids = new Set(kindIds().filter((id) => !(PROTOCOLS as readonly string[]).includes(id)));
    for (const file of ['compose.ts', 'composeRead.ts', 'mermaid.ts', 'hints.ts']) {
      const src = readFileSync(join(HERE, file), 'utf8');
      const literals = [...src.matchAll(/'([a-z][a-z0-9-]*)'/g)].map((m) => m[1]!);
      expect(literals.filter((l) => ids.has(l)), file).toEqual([]);
    }
  });
});
