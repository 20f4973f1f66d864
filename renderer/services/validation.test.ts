import { describe, expect, it } from 'vitest';
import type { TopoNode } from '../../shared/model/types';
import { judgeConnection, viableProtocols } from './validation';

const n = (id: string, kind: string, label = id): TopoNode => ({ id, kind, label, props: {} });

describe('connections while drawing', () => {
  it('accepts a service publishing to Kafka, over Kafka', () => {
    expect(judgeConnection(n('api', 'rest-service', 'Orders API'), n('events', 'kafka', 'Events'))).toMatchObject({ ok: true, protocol: 'kafka' });
  });

  it('refuses Kafka → PostgreSQL with validation’s sentence, naming PostgreSQL', () => {
    const v = judgeConnection(n('kafka', 'kafka', 'Kafka'), n('db', 'postgres', 'PostgreSQL'));
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/^PostgreSQL can't consume from Kafka/);
    expect(v.hint).toBeTruthy();
  });

  it('refuses two services that only share a messaging protocol (a broker must sit between them)', () => {
    const v = judgeConnection(n('api', 'rest-service', 'API'), n('w', 'worker', 'Worker'));
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/broker/);
  });

  it('offers only the protocols that work directly', () => {
    const p = viableProtocols(n('api', 'rest-service'), n('b', 'graphql-service'));
    expect(p).toContain('graphql');
    expect(p).not.toContain('kafka');
  });
});
