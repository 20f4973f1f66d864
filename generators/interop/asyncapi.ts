import type { Topology } from '../../shared/model/types';
import type { BrokerPlan, Channel, Publication, ResolvedDesign } from '../../shared/resolve';
import type { KEdge, KNode } from './util';
import { internalPort, oneLine, readDesign, safeKey, str, toYaml } from './util';
import { outputModel } from '../output-model';

/**
 * `asyncapi.yaml` (AsyncAPI 3.0): the design's event-driven side. A server per broker and
 * protocol (the address components use inside the stack), a channel per topic, exchange, queue
 * or subject (the resolved model's channels, dead-letter and retry ones included: the names the
 * stack creates), an operation per producer (send) and consumer (receive) connection, a
 * placeholder message per channel with its data format, and the schema registry where one is
 * wired to Kafka.
 */

const SERVER_PROTOCOL: Record<BrokerPlan['protocol'], { protocol: string; version?: string }> = {
  kafka: { protocol: 'kafka', version: '3.8' },
  amqp: { protocol: 'amqp', version: '0-9-1' },
  mqtt: { protocol: 'mqtt', version: '5' },
  nats: { protocol: 'nats', version: '2.10' },
  jms: { protocol: 'jms' },
};

/** What a producer writes to: a topic, a RabbitMQ exchange, a subject or a queue. */
const SEND_KIND: Record<BrokerPlan['protocol'], Channel['kind']> = { kafka: 'topic', amqp: 'exchange', mqtt: 'topic', nats: 'subject', jms: 'queue' };

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  'json-schema': 'application/json',
  avro: 'application/vnd.apache.avro+binary',
  protobuf: 'application/x-protobuf',
  xml: 'application/xml',
  csv: 'text/csv',
  parquet: 'application/vnd.apache.parquet',
  cbor: 'application/cbor',
  binary: 'application/octet-stream',
};

const FORMAT_NAMES: Record<string, string> = {
  json: 'JSON',
  'json-schema': 'JSON (with JSON Schema)',
  avro: 'Avro',
  protobuf: 'Protobuf',
  xml: 'XML',
  csv: 'CSV',
  parquet: 'Parquet',
  cbor: 'CBOR',
  binary: 'binary',
};

interface Ctx {
  byId: Map<string, KNode>;
  edges: KEdge[];
  /** Schema registries at the other end of each node's connections, in connection order. */
  registriesOf: Map<string, KNode[]>;
}

function registryNeighbours(edges: readonly KEdge[]): Map<string, KNode[]> {
  const out = new Map<string, KNode[]>();
  const add = (id: string, n: KNode) => {
    const list = out.get(id);
    if (list) list.push(n);
    else out.set(id, [n]);
  };
  const isRegistry = (n: KNode) => n.kind.roles.includes('schema-registry');
  for (const e of edges) {
    if (isRegistry(e.to)) add(e.from.id, e.to);
    // A connection from a node to itself counts once.
    if (isRegistry(e.from) && e.from.id !== e.to.id) add(e.to.id, e.from);
  }
  return out;
}

/** Schema registries wired to a broker: directly, or through one of the broker's clients. */
function registriesFor(ctx: Ctx, plan: BrokerPlan): KNode[] {
  const linked = (id: string) => ctx.registriesOf.get(id) ?? [];
  const direct = linked(plan.broker.id);
  if (direct.length > 0) return dedupe(direct);
  const clients = [...plan.publications.map((s) => s.client.id), ...plan.subscriptions.map((r) => r.client.id)];
  return dedupe(clients.flatMap(linked));
}

function dedupe<T>(list: T[]): T[] {
  return [...new Set(list)];
}

/** The payload format on a channel: the producer's own choice, the broker's, the registry's, then the defaults. */
function formatOf(ctx: Ctx, broker: KNode, sends: readonly Publication[], registry: KNode | undefined): string {
  const producers = sends.map((s) => ctx.byId.get(s.client.id)!).filter(Boolean);
  const ownOf = (n: KNode) => (typeof n.own.dataFormat === 'string' ? n.own.dataFormat : '');
  for (const p of producers) if (ownOf(p)) return ownOf(p);
  if (typeof broker.own.serialization === 'string') return broker.own.serialization;
  if (registry) return str(registry.props, 'format').toLowerCase() || 'avro';
  for (const p of producers) if (str(p.props, 'dataFormat')) return str(p.props, 'dataFormat');
  return str(broker.props, 'serialization') || 'json';
}

/** Whether a design has anything for an AsyncAPI document to describe. */
export function hasMessaging(design: Topology | ResolvedDesign): boolean {
  return readDesign(design).resolved.messaging.length > 0;
}

export function generateAsyncApi(design: Topology | ResolvedDesign): string {
  // Credentials typed into the design are written as ${VARIABLE} references (TF509).
  const { edges, byId, resolved } = readDesign(outputModel(design));
  const doc = resolved.doc;
  const ctx: Ctx = { byId, edges, registriesOf: registryNeighbours(edges) };
  const edgeById = new Map<string, KEdge>();
  for (const e of edges) if (!edgeById.has(e.id)) edgeById.set(e.id, e);

  const servers: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const channelKeys = new Set<string>();
  const messageKeys = new Set<string>();
  const operationKeys = new Set<string>();
  const serverKeys = new Set<string>();

  for (const plan of resolved.messaging) {
    const broker = byId.get(plan.broker.id)!;
    // The catalog entry says where its product binds a protocol its own way (IBM MQ, AMQP 1.0).
    const sp = broker.kind.asyncapi?.[plan.protocol] ?? SERVER_PROTOCOL[plan.protocol];
    // A broker hosting several protocols listens for each on its own port.
    const port = broker.kind.ports?.find((x) => x.serves?.includes(plan.protocol))?.container ?? internalPort(broker);
    const serverKey = safeKey(resolved.messaging.filter((p) => p.broker === plan.broker).length > 1 ? `${broker.id}-${plan.protocol}` : broker.id, serverKeys);
    const registries = plan.protocol === 'kafka' ? registriesFor(ctx, plan) : [];
    const registry = registries[0];
    const registryUrl = registry ? `http://${registry.id}:${internalPort(registry)}` : undefined;
    servers[serverKey] = {
      host: `${broker.id}:${port}`,
      protocol: sp.protocol,
      ...(sp.version ? { protocolVersion: sp.version } : {}),
      title: oneLine(broker.label),
      summary: `${broker.kind.product}, as reached inside the starter stack`,
      ...(registry && registryUrl
        ? {
            'x-schema-registry': { node: registry.id, url: registryUrl, vendor: 'confluent', compatibility: str(registry.props, 'compatibility') || 'BACKWARD' },
            bindings: { kafka: { schemaRegistryUrl: registryUrl, schemaRegistryVendor: 'confluent', bindingVersion: '0.5.0' } },
          }
        : {}),
      ...(sp.protocol === 'ibmmq' ? { bindings: { ibmmq: { ccdtQueueManagerName: str(broker.props, 'queueManager') || 'QM1', bindingVersion: '0.1.0' } } } : {}),
      'x-topoforge-node': broker.id,
    };

    // Channels, each with one placeholder message.
    const sendsTo = new Map<string, Publication[]>();
    for (const s of plan.publications) {
      const list = sendsTo.get(s.channel);
      if (list) list.push(s);
      else sendsTo.set(s.channel, [s]);
    }
    const channelKeyOf = new Map<string, string>();
    const messageKeyOf = new Map<string, string>();
    for (const c of plan.channels) {
      const key = safeKey(`${broker.id}.${c.name}`, channelKeys);
      channelKeyOf.set(`${c.kind}:${c.name}`, key);
      const sends = sendsTo.get(c.name) ?? [];
      const format = formatOf(ctx, broker, sends, registry);
      const msgKey = safeKey(`${broker.id}.${c.name}.message`, messageKeys);
      messageKeyOf.set(`${c.kind}:${c.name}`, msgKey);
      const producers = sends.map((s) => s.client.id);
      const subject = `${c.name}-value`;
      messages[msgKey] = {
        name: msgKey,
        title: `Message on ${c.name}`,
        summary: producers.length > 0 ? `Written by ${producers.join(', ')}` : 'No producer is drawn for it yet',
        contentType: CONTENT_TYPES[format] ?? 'application/octet-stream',
        payload: {
          type: 'object',
          title: `${c.name} payload`,
          description:
            `Placeholder: describe the ${FORMAT_NAMES[format] ?? format} payload of ${c.name} here.` +
            (registry && (format === 'avro' || format === 'protobuf' || format === 'json-schema' || format === 'json')
              ? ` Its schema is registered in ${registry.id} under subject ${subject}.`
              : ''),
          additionalProperties: true,
          'x-data-format': format,
        },
        ...(registry
          ? {
              'x-schema-registry-subject': subject,
              bindings: { kafka: { schemaIdLocation: 'payload', schemaIdPayloadEncoding: 'confluent', schemaLookupStrategy: 'TopicIdStrategy', bindingVersion: '0.5.0' } },
            }
          : {}),
      };
      channels[key] = {
        address: c.name,
        title: c.name,
        description: channelDescription(broker, c),
        servers: [{ $ref: `#/servers/${serverKey}` }],
        messages: { [msgKey]: { $ref: `#/components/messages/${msgKey}` } },
        ...channelBindings(plan, broker, c),
      };
    }

    const op = (name: string, body: Record<string, unknown>) => {
      operations[safeKey(name, operationKeys)] = body;
    };
    const msgRefs = (channelKey: string, kind: string, name: string) => [{ $ref: `#/channels/${channelKey}/messages/${messageKeyOf.get(`${kind}:${name}`)!}` }];
    const sendKind = SEND_KIND[plan.protocol];
    for (const s of plan.publications) {
      const key = channelKeyOf.get(`${sendKind}:${s.channel}`);
      const client = byId.get(s.client.id);
      if (!key || !client) continue;
      op(`${s.client.id}.send.${s.channel}`, {
        action: 'send',
        channel: { $ref: `#/channels/${key}` },
        title: `${oneLine(client.label, 80)} sends to ${s.channel}`,
        summary: `Connection ${s.flow.id}` + (s.cdc ? `; change events of ${s.cdc.table} in ${s.cdc.database.id}` : ''),
        messages: msgRefs(key, sendKind, s.channel),
        ...sendBindings(plan, broker, s.routingKey, edgeById.get(s.flow.id)),
        'x-topoforge-edge': s.flow.id,
      });
    }
    const receiveKind = plan.protocol === 'amqp' ? 'queue' : sendKind;
    for (const r of plan.subscriptions) {
      const client = byId.get(r.client.id);
      if (!client) continue;
      for (const ch of r.channels) {
        const key = channelKeyOf.get(`${receiveKind}:${ch}`);
        if (!key) continue;
        op(`${r.client.id}.receive.${ch}`, {
          action: 'receive',
          channel: { $ref: `#/channels/${key}` },
          title: `${oneLine(client.label, 80)} receives from ${ch}`,
          summary:
            `Connection ${r.flow.id}` +
            (r.boundTo && r.boundTo.length > 0 ? `; queue bound to ${r.boundTo.join(', ')} with key ${r.routingKey ?? '#'}` : '') +
            (r.deadLetter.length > 0 ? `; what it cannot process goes to ${r.deadLetter.join(', ')}` : ''),
          messages: msgRefs(key, receiveKind, ch),
          ...receiveBindings(plan, broker, r.group, edgeById.get(r.flow.id)),
          'x-topoforge-edge': r.flow.id,
        });
      }
    }
  }

  const out: Record<string, unknown> = {
    asyncapi: '3.0.0',
    info: {
      title: oneLine(doc.name, 200) || 'Untitled design',
      version: '1.0.0',
      description: [
        oneLine(doc.description ?? '', 2000),
        'Generated by Topoforge from the design: brokers are servers, topics, exchanges, queues and subjects are channels, and each producer or consumer connection is an operation. Payloads are placeholders to fill in.',
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    defaultContentType: 'application/json',
    servers,
    channels,
    operations,
    components: { messages },
  };
  return toYaml(out, ['AsyncAPI 3.0 description of the design\'s messaging, generated by Topoforge.']);
}

function channelDescription(broker: KNode, c: Channel): string {
  const what = c.kind === 'exchange' ? `${c.exchangeType ?? 'topic'} exchange` : c.kind;
  const why = c.role === 'dead-letter' ? ` (dead-letter ${c.kind} of ${c.serves})` : c.role === 'retry' ? ` (redelivers to ${c.serves} after a delay)` : c.listed ? ' (declared in its settings)' : ' (named by a connection or by default)';
  return `${what[0]!.toUpperCase()}${what.slice(1)} on ${broker.id}${why}.`;
}

/**
 * The binding the broker's catalog entry gives a protocol where it differs from the usual one
 * (IBM MQ's `ibmmq`, AMQP 1.0): the usual bindings (AMQP 0-9-1 exchanges and routing keys) do not
 * apply then.
 */
const customBinding = (plan: BrokerPlan, broker: KNode) => broker.kind.asyncapi?.[plan.protocol];

function channelBindings(plan: BrokerPlan, broker: KNode, c: Channel): Record<string, unknown> {
  switch (plan.protocol) {
    case 'kafka':
      return {
        bindings: {
          kafka: {
            topic: c.name,
            partitions: c.partitions ?? 3,
            replicas: typeof broker.props.replicationFactor === 'number' ? broker.props.replicationFactor : 1,
            topicConfiguration: { 'cleanup.policy': [c.cleanupPolicy ?? 'delete'], 'retention.ms': (c.retentionHours ?? 168) * 3_600_000 },
            bindingVersion: '0.5.0',
          },
        },
      };
    case 'amqp': {
      if (customBinding(plan, broker)) return {};
      const vhost = str(broker.props, 'vhost') || '/';
      return c.kind === 'exchange'
        ? { bindings: { amqp: { is: 'routingKey', exchange: { name: c.name, type: c.exchangeType ?? 'topic', durable: true, autoDelete: false, vhost }, bindingVersion: '0.3.0' } } }
        : { bindings: { amqp: { is: 'queue', queue: { name: c.name, durable: c.durable !== false, exclusive: false, autoDelete: false, vhost }, bindingVersion: '0.3.0' } } };
    }
    case 'jms':
      if (customBinding(plan, broker)?.protocol !== 'ibmmq') return {};
      return { bindings: { ibmmq: { destinationType: 'queue', queue: { objectName: c.name }, bindingVersion: '0.1.0' } } };
    default:
      return {};
  }
}

function qosOf(broker: KNode, e: KEdge | undefined): number {
  const q = Number(str(e?.props ?? {}, 'qos') || str(broker.props, 'qos') || '1');
  return q === 0 || q === 2 ? q : 1;
}

function sendBindings(plan: BrokerPlan, broker: KNode, routingKey: string | undefined, e: KEdge | undefined): Record<string, unknown> {
  switch (plan.protocol) {
    case 'amqp':
      return customBinding(plan, broker) ? {} : { bindings: { amqp: { cc: [routingKey ?? '#'], deliveryMode: 2, bindingVersion: '0.3.0' } } };
    case 'mqtt':
      return { bindings: { mqtt: { qos: qosOf(broker, e), retain: false, bindingVersion: '0.2.0' } } };
    default:
      return {};
  }
}

function receiveBindings(plan: BrokerPlan, broker: KNode, group: string | undefined, e: KEdge | undefined): Record<string, unknown> {
  switch (plan.protocol) {
    case 'kafka':
      return group ? { bindings: { kafka: { groupId: { type: 'string', enum: [group] }, bindingVersion: '0.5.0' } } } : {};
    case 'amqp':
      return customBinding(plan, broker) ? {} : { bindings: { amqp: { ack: str(broker.props, 'ack') !== 'auto', bindingVersion: '0.3.0' } } };
    case 'mqtt':
      return { bindings: { mqtt: { qos: qosOf(broker, e), bindingVersion: '0.2.0' } } };
    case 'nats':
      return { bindings: { nats: { queue: (group ?? e?.to.component.service ?? 'consumers').slice(0, 255), bindingVersion: '0.1.0' } } };
    default:
      return {};
  }
}
