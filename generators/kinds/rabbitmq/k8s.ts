import type { Component } from '../../../shared/resolve';
import { meta, objectLabels, valueEnv } from '../../k8s/build';
import { clientPlan, credentialUrl, listOf } from '../../k8s/clientenv';
import type { K8sContext } from '../../k8s/context';
import { SECRET_PLACEHOLDER } from '../../k8s/context';
import { COMPONENT_LABEL, OPERATORS } from '../../k8s/platform';
import { facet } from '../../k8s/types';
import type { EnvEntry, SecretRef } from '../../k8s/types';

/**
 * RabbitMQ through its Cluster Operator and Messaging Topology Operator: a `RabbitmqCluster`,
 * and from the messaging plan an `Exchange`, `Queue` and `Binding` for each, a `Policy` that
 * dead-letters each queue that asks for it to its `.dlq` through the dead-letter exchange, and
 * the application `User` with a `Permission` to write exactly the exchanges published to and
 * read exactly the queues consumed.
 */

const RABBIT = 'rabbitmq.com/v1beta1';

const appSecret = (ctx: K8sContext, c: Component) => ctx.name('Secret', `${c.id}/app-user`, `${c.service}-app-user`, 253);

function credential(ctx: K8sContext, c: Component, key: string): SecretRef | undefined {
  if (key === 'USER') return ctx.secretKey(c, appSecret(ctx, c), 'username', { comment: c.credentials.USER?.comment ?? `RabbitMQ user of ${c.service}`, example: c.credentials.USER?.example || 'app', secret: false });
  if (key === 'PASSWORD') return ctx.secretKey(c, appSecret(ctx, c), 'password', { comment: c.credentials.PASSWORD?.comment ?? `Password of the ${c.service} RabbitMQ user`, example: SECRET_PLACEHOLDER, secret: true });
  return undefined;
}

const plan = (ctx: K8sContext, c: Component) => ctx.resolved.messaging.find((p) => p.broker === c && p.protocol === 'amqp');

/** A DNS subdomain for a RabbitMQ object named after a queue or exchange. */
const objName = (ctx: K8sContext, c: Component, kind: string, name: string) =>
  ctx.name(kind, `${c.id}/${name}`, `${c.service}.${name}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9]+$/, '') || c.service, 253);

const exact = (names: readonly string[]) => (names.length === 0 ? '^$' : `^(${[...new Set(names)].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);

function objects(ctx: K8sContext, c: Component): void {
  const name = c.service;
  const p = plan(ctx, c);
  const vhost = p?.vhost ?? '/';
  const ref = { rabbitmqClusterReference: { name } };
  ctx.add(c, {
    apiVersion: RABBIT,
    kind: 'RabbitmqCluster',
    metadata: meta(ctx, c, name),
    spec: {
      replicas: 1,
      image: c.kind.image,
      persistence: { storage: '10Gi' },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      ...(vhost !== '/' ? { rabbitmq: { additionalConfig: `default_vhost = ${vhost}\n` } } : {}),
      override: { statefulSet: { spec: { template: { metadata: { labels: { [COMPONENT_LABEL]: c.service } } } } } },
    },
  });
  // The operator makes the Service `<name>` (AMQP, management, Prometheus).
  ctx.registerService({ name, component: c, emitted: false, ports: (c.kind.ports ?? []).map((x) => ({ name: x.name, port: x.container, targetPort: x.container })).concat(c.kind.metricsPort ? [{ name: 'prometheus', port: c.kind.metricsPort, targetPort: c.kind.metricsPort }] : []) });
  const labels = objectLabels(ctx, c);
  for (const ch of p?.channels ?? []) {
    if (ch.kind === 'exchange') {
      ctx.add(c, { apiVersion: RABBIT, kind: 'Exchange', metadata: { name: objName(ctx, c, 'Exchange', ch.name), labels }, spec: { name: ch.name, vhost, type: ch.exchangeType ?? 'topic', durable: ch.durable !== false, ...ref } });
    } else if (ch.kind === 'queue') {
      const args: Record<string, unknown> = {};
      if (ch.role === 'retry') Object.assign(args, { 'x-message-ttl': ch.messageTtlMs ?? 5000, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': ch.serves ?? '' });
      else {
        if (ch.messageTtlMs) args['x-message-ttl'] = ch.messageTtlMs;
        if (ch.maxLength) args['x-max-length'] = ch.maxLength;
      }
      ctx.add(c, { apiVersion: RABBIT, kind: 'Queue', metadata: { name: objName(ctx, c, 'Queue', ch.name), labels }, spec: { name: ch.name, vhost, durable: ch.durable !== false, ...(Object.keys(args).length > 0 ? { arguments: args } : {}), ...ref } });
    }
  }
  (p?.bindings ?? []).forEach((b, i) => {
    ctx.add(c, { apiVersion: RABBIT, kind: 'Binding', metadata: { name: objName(ctx, c, 'Binding', `${b.source}.${b.destination}.${i + 1}`), labels }, spec: { vhost, source: b.source, destination: b.destination, destinationType: 'queue', routingKey: b.routingKey, ...ref } });
  });
  if (p?.deadLetterExchange) {
    for (const dlq of p.channels.filter((x) => x.kind === 'queue' && x.role === 'dead-letter' && x.serves)) {
      ctx.add(c, {
        apiVersion: RABBIT,
        kind: 'Policy',
        metadata: { name: objName(ctx, c, 'Policy', `${dlq.serves}.dead-letter`), labels },
        spec: { name: `dead-letter.${dlq.serves}`, vhost, pattern: exact([dlq.serves!]), applyTo: 'queues', priority: 1, definition: { 'dead-letter-exchange': p.deadLetterExchange, 'dead-letter-routing-key': dlq.serves }, ...ref },
      });
    }
  }
  const published = (p?.publications ?? []).map((x) => x.channel);
  const consumed = (p?.subscriptions ?? []).flatMap((x) => x.channels);
  const retry = (p?.subscriptions ?? []).flatMap((x) => x.retry);
  if (published.length > 0 || consumed.length > 0) {
    const secret = credential(ctx, c, 'PASSWORD')!;
    credential(ctx, c, 'USER');
    const user = ctx.name('User', `${c.id}/app`, `${c.service}-app`, 253);
    ctx.add(c, { apiVersion: RABBIT, kind: 'User', metadata: { name: user, labels }, spec: { importCredentialsSecret: { name: secret.name }, ...ref } });
    ctx.add(c, {
      apiVersion: RABBIT,
      kind: 'Permission',
      metadata: { name: ctx.name('Permission', `${c.id}/app`, `${c.service}-app`, 253), labels },
      // Topology is the operator's: the application configures nothing, writes to its exchanges (and to
      // its retry queues through the default exchange) and reads its queues.
      spec: { vhost, userReference: { name: user }, permissions: { configure: '^$', write: exact([...published, ...(retry.length > 0 ? ['amq.default'] : [])]), read: exact([...consumed, ...retry]) }, ...ref },
    });
  }
  const t = ctx.extra(c);
  t.self = true;
  t.apiServer = true;
  t.operators.push({ namespace: OPERATORS.rabbitmq.namespace, ports: [15672] });
  ctx.scaling.set(c, {
    apiVersion: RABBIT,
    kind: 'RabbitmqCluster',
    name,
    path: '/spec/replicas',
    pdb: true,
    // Quorum queues in prod: a patch only when there are Queue objects to patch (one that targets nothing fails the build).
    more: () => ((ctx.objects.get(c) ?? []).some((o) => o.kind === 'Queue') ? [{ target: { group: 'rabbitmq.com', version: 'v1beta1', kind: 'Queue', labelSelector: `app.kubernetes.io/name=${c.service}` }, ops: [{ op: 'add', path: '/spec/type', value: 'quorum' }] }] : []),
  });
}

function clientEnv(ctx: K8sContext, s: Component, f: Parameters<typeof credentialUrl>[2], client: Component): EnvEntry[] {
  const p = plan(ctx, s);
  const out = credentialUrl(ctx, s, f, 'amqp', 'USER', 'PASSWORD', `/${encodeURIComponent(p?.vhost ?? '/')}`);
  const pub = clientPlan(p, client).publications;
  if (pub.length > 0) out.push(valueEnv('AMQP_PUBLISH', listOf(pub.map((x) => `${x.channel}:${x.routingKey ?? '#'}`))));
  const con = clientPlan(p, client).subscriptions;
  if (con.length > 0) {
    out.push(valueEnv('AMQP_CONSUME_QUEUES', listOf(con.flatMap((x) => x.channels))), valueEnv('AMQP_PREFETCH', String(con[0]!.prefetch ?? 10)));
    const retry = con.flatMap((x) => x.retry);
    if (retry.length > 0) out.push(valueEnv('AMQP_RETRY_QUEUES', listOf(retry)));
    const dlq = con.flatMap((x) => x.deadLetter);
    if (dlq.length > 0) out.push(valueEnv('AMQP_DEAD_LETTER_QUEUES', listOf(dlq)));
  }
  return out;
}

export const k8s = facet({ objects, clientEnv, credential, clustered: true });
