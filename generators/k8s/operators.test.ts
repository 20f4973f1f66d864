import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import { generateKubernetes } from './index';

/**
 * The operators' resources say what the drawing says: each Kafka client's ACLs name exactly the
 * topics it publishes and consumes (and its dead-letter topics), every channel has its KafkaTopic
 * with its settings; RabbitMQ dead-letters every queue that asks for it and its user may write
 * exactly the exchanges published to and read exactly the queues consumed; CloudNativePG's CDC
 * role replicates without being a superuser and reads only the captured tables.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
type Obj = { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: Record<string, unknown>; data?: Record<string, string> };

function load(text: string): Topology {
  const r = parseTopology(text);
  if (!r.ok) throw new Error('does not parse');
  return r.doc;
}

function objects(doc: Topology): Obj[] {
  return generateKubernetes(doc)
    .filter((f) => f.path.startsWith('k8s/base/components/'))
    .flatMap((f) => parseAllDocuments(f.content, { version: '1.1' }).map((d) => d.toJS() as Obj));
}

const DESIGNS = [
  ['ecommerce-orders', load(EXAMPLES.find((e) => e.id === 'ecommerce-orders')!.yaml)],
  ['starter', load(EXAMPLES.find((e) => e.id === 'starter')!.yaml)],
  ['every-kind', load(readFileSync(join(ROOT, 'test/fixtures/designs/every-kind.topo.yaml'), 'utf8'))],
] as const;

describe('operator resources follow the messaging plan', () => {
  for (const [name, doc] of DESIGNS) {
    it(`${name}: Kafka topics and each client's ACLs`, () => {
      const r = resolve(doc);
      const objs = objects(doc);
      for (const plan of r.messaging.filter((p) => p.protocol === 'kafka')) {
        const cluster = plan.broker.service;
        const topics = objs.filter((o) => o.kind === 'KafkaTopic' && o.metadata.labels?.['strimzi.io/cluster'] === cluster);
        for (const ch of plan.channels) {
          const t = topics.find((x) => x.spec?.topicName === ch.name);
          expect(t, `KafkaTopic ${ch.name}`).toBeDefined();
          expect(t!.spec).toMatchObject({ partitions: ch.partitions, config: { 'retention.ms': ch.retentionHours! * 3_600_000, 'cleanup.policy': ch.cleanupPolicy } });
        }
        for (const s of plan.subscriptions) for (const d of s.deadLetter) expect(topics.some((x) => x.spec?.topicName === d), `dead-letter topic ${d}`).toBe(true);
        const clients = new Set([...plan.publications.map((p) => p.client), ...plan.subscriptions.map((s) => s.client)]);
        for (const client of clients) {
          const user = objs.find((o) => o.kind === 'KafkaUser' && o.metadata.name === `${cluster}-${client.service}`);
          expect(user, `KafkaUser of ${client.service}`).toBeDefined();
          const acls = (user!.spec!.authorization as { acls: Array<{ resource: { type: string; name: string }; operations: string[] }> }).acls;
          const topicAcl = (op: string) => new Set(acls.filter((a) => a.resource.type === 'topic' && (a.operations.includes(op) || a.operations.includes('All'))).map((a) => a.resource.name));
          const published = plan.publications.filter((p) => p.client === client).map((p) => p.channel);
          const subs = plan.subscriptions.filter((s) => s.client === client);
          const internal = acls.filter((a) => a.operations.includes('All')).map((a) => a.resource.name);
          expect(new Set([...topicAcl('Write')].filter((t) => !internal.includes(t)))).toEqual(new Set([...published, ...subs.flatMap((s) => s.deadLetter)]));
          expect(new Set([...topicAcl('Read')].filter((t) => !internal.includes(t)))).toEqual(new Set(subs.flatMap((s) => s.channels)));
          for (const s of subs) if (s.group) expect(acls.some((a) => a.resource.type === 'group' && a.resource.name === s.group)).toBe(true);
          // Its internal topics (a registry's, a Connect worker's) are its own, and not another client's.
          for (const t of internal) expect(plan.channels.some((c) => c.name === t), `${t} is not a channel of the plan`).toBe(false);
        }
      }
    });
  }

  it('every-kind: RabbitMQ dead-letters the queues that ask for it and its user writes and reads exactly what is drawn', () => {
    const doc = DESIGNS[2][1];
    const r = resolve(doc);
    const objs = objects(doc);
    const plan = r.messaging.find((p) => p.protocol === 'amqp')!;
    const dead = plan.channels.filter((c) => c.role === 'dead-letter' && c.kind === 'queue');
    expect(dead.length).toBeGreaterThan(0);
    for (const q of dead) {
      const policy = objs.find((o) => o.kind === 'Policy' && (o.spec?.definition as Record<string, string>)?.['dead-letter-routing-key'] === q.serves);
      expect(policy, `dead-letter policy of ${q.serves}`).toBeDefined();
      expect(new RegExp(policy!.spec!.pattern as string).test(q.serves!)).toBe(true);
      expect((policy!.spec!.definition as Record<string, string>)['dead-letter-exchange']).toBe(plan.deadLetterExchange);
    }
    for (const b of plan.bindings ?? []) expect(objs.some((o) => o.kind === 'Binding' && o.spec?.source === b.source && o.spec?.destination === b.destination && o.spec?.routingKey === b.routingKey), `${b.source} -> ${b.destination}`).toBe(true);
    const perms = objs.find((o) => o.kind === 'Permission')!.spec!.permissions as { configure: string; write: string; read: string };
    expect(perms.configure).toBe('^$');
    const write = new RegExp(perms.write);
    const read = new RegExp(perms.read);
    for (const p of plan.publications) expect(write.test(p.channel), `write ${p.channel}`).toBe(true);
    for (const s of plan.subscriptions) for (const q of s.channels) expect(read.test(q), `read ${q}`).toBe(true);
    for (const c of plan.channels) {
      if (!plan.publications.some((p) => p.channel === c.name)) expect(write.test(c.name), `no write on ${c.name}`).toBe(false);
      if (!plan.subscriptions.some((s) => s.channels.includes(c.name) || s.retry.includes(c.name))) expect(read.test(c.name), `no read on ${c.name}`).toBe(false);
    }
  });

  it('every-kind: the PostgreSQL CDC role replicates, is no superuser, and reads only the captured tables', () => {
    const objs = objects(DESIGNS[2][1]);
    const cluster = objs.find((o) => o.kind === 'Cluster')!;
    const role = ((cluster.spec!.managed as { roles: Array<Record<string, unknown>> }).roles).find((x) => x.name === 'cdc')!;
    expect(role).toMatchObject({ login: true, replication: true });
    expect(role.superuser).toBeUndefined();
    const sql = objs.find((o) => o.kind === 'ConfigMap' && o.data?.['init.sql'])!.data!['init.sql']!;
    const grants = sql.split('\n').filter((l) => /^GRANT SELECT.* TO "cdc";$/.test(l));
    expect(grants).toEqual(['GRANT SELECT ON "public"."orders", "billing"."invoices" TO "cdc";']);
    expect(sql).not.toMatch(/SUPERUSER/);
  });

  it('every-kind: a client drawn read-only logs in as the PostgreSQL reader role, which may only SELECT', () => {
    const objs = objects(DESIGNS[2][1]);
    const cluster = objs.find((o) => o.kind === 'Cluster')!;
    const role = ((cluster.spec!.managed as { roles: Array<Record<string, unknown>> }).roles).find((x) => x.name === 'reader')!;
    expect(role).toMatchObject({ login: true, replication: false, ensure: 'present' });
    const secret = (role.passwordSecret as { name: string }).name;
    const sql = objs.find((o) => o.kind === 'ConfigMap' && o.data?.['init.sql'])!.data!['init.sql']!;
    const reader = sql.split('\n').filter((l) => /"reader"/.test(l) && !/^--/.test(l));
    expect(reader.filter((l) => /^GRANT/.test(l)).every((l) => /^GRANT (USAGE ON SCHEMA|SELECT ON ALL TABLES IN SCHEMA) /.test(l))).toBe(true);
    expect(reader).toContain('GRANT SELECT ON ALL TABLES IN SCHEMA "billing" TO "reader";');
    expect(reader).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE "app" GRANT SELECT ON TABLES TO "reader";');
    // The worker (drawn read-only) gets the reader's Secret; the API (read-write) the application user's.
    const resolved = resolve(DESIGNS[2][1]);
    const envOf = (id: string) => {
      const name = resolved.components.find((c) => c.id === id)!.service;
      const w = objs.find((o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o.metadata.name === name)!;
      const pod = (w.spec as { template: { spec: { containers: Array<{ env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string } } }> }> } } }).template.spec;
      return pod.containers[0]!.env ?? [];
    };
    expect(envOf('worker').find((e) => e.name === 'ORDERS_DB_PASSWORD')?.valueFrom?.secretKeyRef?.name).toBe(secret);
    expect(envOf('api').find((e) => e.name === 'ORDERS_DB_PASSWORD')?.valueFrom?.secretKeyRef?.name).not.toBe(secret);
  });

  for (const [name, doc] of DESIGNS) {
    it(`${name}: root and administrator credentials stay with their own component's server, never with a client, a sidecar or a connector`, () => {
      const r = resolve(doc);
      const owner = new Map(r.components.map((c) => [c.envPrefix, c.service] as const));
      const objs = objects(doc);
      const admin = /^([A-Z0-9_]+?)_(ROOT|ADMIN)_(USER|PASSWORD)$/;
      let seen = 0;
      for (const o of objs) {
        if (o.kind === 'KafkaConnector') expect(JSON.stringify(o.spec), o.metadata.name).not.toMatch(/_(ROOT|ADMIN)_(USER|PASSWORD)\b/);
        const pod = (o.spec as { template?: { spec?: { containers?: Array<{ name: string; env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { key: string } } }> }> } } } | undefined)?.template?.spec;
        for (const ct of pod?.containers ?? []) {
          for (const e of ct.env ?? []) {
            const m = admin.exec(e.valueFrom?.secretKeyRef?.key ?? '');
            if (!m) continue;
            seen++;
            expect(ct.name, `${o.metadata.name}: the ${ct.name} container holds ${m[0]}`).not.toBe('exporter');
            expect(o.metadata.labels?.['app.kubernetes.io/name'], `${o.kind} ${o.metadata.name} holds ${m[0]}`).toBe(owner.get(m[1]!));
          }
        }
      }
      if (name === 'every-kind') expect(seen, 'the test looked at root credentials at all').toBeGreaterThan(0);
    });
  }
});
