import { messagingFlows } from '../../shared/model/channels';
import type { BrokerFlows, ChannelDef, SendFlow } from '../../shared/model/channels';
import type { Topology } from '../../shared/model/types';
import type { KEdge, KNode } from './util';
import { int, internalPort, oneLine, readDesign, safeKey, str, toYaml } from './util';
import { redactSecrets } from '../../shared/validation/rules/secrets';
import { derived } from '../derived';

/**
 * `asyncapi.yaml` (AsyncAPI 3.0): the design's event-driven side. A server per broker (the
 * address components use inside the stack), a channel per topic, exchange, queue or subject
 * (names as the stack creates them, from `shared/model/channels.ts`), an operation per producer
 * (send) and consumer (receive) connection, a placeholder message per channel with its data
 * format, and the schema registry where one is wired to Kafka.
 */

const SERVER_PROTOCOL: Record<string, { protocol: string; version?: string }> = {
  kafka: { protocol: 'kafka', version: '3.8' },
  rabbitmq: { protocol: 'amqp', version: '0-9-1' },
  'mqtt-broker': { protocol: 'mqtt', version: '5' },
  nats: { protocol: 'nats', version: '2.10' },
  'ibm-mq': { protocol: 'ibmmq' },
};

/** What a producer writes to: a topic, a RabbitMQ exchange, a subject or a queue. */
const SEND_KIND: Record<string, ChannelDef['kind']> = { kafka: 'topic', rabbitmq: 'exchange', 'mqtt-broker': 'topic', nats: 'subject', 'ibm-mq': 'queue' };

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
  for (const e of edges) {
    if (e.to.kind.id === 'schema-registry') add(e.from.id, e.to);
    // A connection from a node to itself counts once.
    if (e.from.kind.id === 'schema-registry' && e.from.id !== e.to.id) add(e.to.id, e.from);
  }
  return out;
}

/** Schema registries wired to a broker: directly, or through one of the broker's clients. */
function registriesFor(ctx: Ctx, flows: BrokerFlows): KNode[] {
  const linked = (id: string) => ctx.registriesOf.get(id) ?? [];
  const direct = linked(flows.broker);
  if (direct.length > 0) return dedupe(direct);
  const clients = [...flows.sends.map((s) => s.client), ...flows.receives.map((r) => r.client)];
  return dedupe(clients.flatMap(linked));
}

function dedupe<T>(list: T[]): T[] {
  return [...new Set(list)];
}

/** The payload format on a channel: the producer's own choice, the broker's, the registry's, then the defaults. */
function formatOf(ctx: Ctx, broker: KNode, sends: readonly SendFlow[], registry: KNode | undefined): string {
  const producers = sends.map((s) => ctx.byId.get(s.client)!).filter(Boolean);
  const ownOf = (n: KNode) => (typeof n.own.dataFormat === 'string' ? n.own.dataFormat : '');
  for (const p of producers) if (ownOf(p)) return ownOf(p);
  if (broker.kind.id === 'kafka' && typeof broker.own.serialization === 'string') return broker.own.serialization;
  if (registry) return str(registry.props, 'format').toLowerCase() || 'avro';
  for (const p of producers) if (str(p.props, 'dataFormat')) return str(p.props, 'dataFormat');
  if (broker.kind.id === 'kafka') return str(broker.props, 'serialization') || 'json';
  return 'json';
}

export function generateAsyncApi(design: Topology): string {
  // Credentials typed into the design are written as ${VARIABLE} references (TF509).
  const doc = derived(design, redactSecrets, () => redactSecrets(design)).doc;
  const { edges, byId } = readDesign(doc);
  const ctx: Ctx = { byId, edges, registriesOf: registryNeighbours(edges) };
  const edgeById = new Map<string, KEdge>();
  for (const e of edges) if (!edgeById.has(e.id)) edgeById.set(e.id, e);
  const all = derived(doc, messagingFlows, () => messagingFlows(doc)).filter((f) => byId.has(f.broker));

  const servers: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const channelKeys = new Set<string>();
  const messageKeys = new Set<string>();
  const operationKeys = new Set<string>();
  const serverKeys = new Set<string>();

  for (const flows of all) {
    const broker = byId.get(flows.broker)!;
    const sp = SERVER_PROTOCOL[broker.kind.id]!;
    const serverKey = safeKey(broker.id, serverKeys);
    const registries = broker.kind.id === 'kafka' ? registriesFor(ctx, flows) : [];
    const registry = registries[0];
    const registryUrl = registry ? `http://${registry.id}:${internalPort(registry)}` : undefined;
    servers[serverKey] = {
      host: `${broker.id}:${internalPort(broker)}`,
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
      ...(broker.kind.id === 'ibm-mq' ? { bindings: { ibmmq: { ccdtQueueManagerName: str(broker.props, 'queueManager') || 'QM1', bindingVersion: '0.1.0' } } } : {}),
      'x-topoforge-node': broker.id,
    };

    // Channels, each with one placeholder message.
    const sendsTo = new Map<string, SendFlow[]>();
    for (const s of flows.sends) {
      const list = sendsTo.get(s.channel);
      if (list) list.push(s);
      else sendsTo.set(s.channel, [s]);
    }
    const channelKeyOf = new Map<string, string>();
    const messageKeyOf = new Map<string, string>();
    for (const c of flows.channels) {
      const key = safeKey(`${broker.id}.${c.name}`, channelKeys);
      channelKeyOf.set(`${c.kind}:${c.name}`, key);
      const sends = sendsTo.get(c.name) ?? [];
      const format = formatOf(ctx, broker, sends, registry);
      const msgKey = safeKey(`${broker.id}.${c.name}.message`, messageKeys);
      messageKeyOf.set(`${c.kind}:${c.name}`, msgKey);
      const producers = sends.map((s) => s.client);
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
        ...channelBindings(broker, c),
      };
    }

    const op = (name: string, body: Record<string, unknown>) => {
      operations[safeKey(name, operationKeys)] = body;
    };
    const msgRefs = (channelKey: string, kind: string, name: string) => [{ $ref: `#/channels/${channelKey}/messages/${messageKeyOf.get(`${kind}:${name}`)!}` }];
    const sendKind = SEND_KIND[broker.kind.id] ?? 'topic';
    for (const s of flows.sends) {
      const key = channelKeyOf.get(`${sendKind}:${s.channel}`);
      // A client readDesign left out (an invalid id) has no operation.
      const client = byId.get(s.client);
      if (!key || !client) continue;
      op(`${s.client}.send.${s.channel}`, {
        action: 'send',
        channel: { $ref: `#/channels/${key}` },
        title: `${oneLine(client.label, 80)} sends to ${s.channel}`,
        summary: `Connection ${s.edge}`,
        messages: msgRefs(key, sendKind, s.channel),
        ...sendBindings(broker, s.routingKey, edgeById.get(s.edge)),
        'x-topoforge-edge': s.edge,
      });
    }
    const receiveKind = broker.kind.id === 'rabbitmq' ? 'queue' : sendKind;
    for (const r of flows.receives) {
      const client = byId.get(r.client);
      if (!client) continue;
      for (const ch of r.channels) {
        const key = channelKeyOf.get(`${receiveKind}:${ch}`);
        if (!key) continue;
        op(`${r.client}.receive.${ch}`, {
          action: 'receive',
          channel: { $ref: `#/channels/${key}` },
          title: `${oneLine(client.label, 80)} receives from ${ch}`,
          summary: `Connection ${r.edge}` + (r.boundTo && r.boundTo.length > 0 ? `; queue bound to ${r.boundTo.join(', ')} with key ${r.routingKey ?? '#'}` : ''),
          messages: msgRefs(key, receiveKind, ch),
          ...receiveBindings(broker, r.group, edgeById.get(r.edge)),
          'x-topoforge-edge': r.edge,
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

function channelDescription(broker: KNode, c: ChannelDef): string {
  const what = c.kind === 'exchange' ? `${c.exchangeType ?? 'topic'} exchange` : c.kind;
  return `${what[0]!.toUpperCase()}${what.slice(1)} on ${broker.id}${c.listed ? ' (declared in its settings)' : ' (named by a connection or by default)'}.`;
}

function channelBindings(broker: KNode, c: ChannelDef): Record<string, unknown> {
  switch (broker.kind.id) {
    case 'kafka': {
      const topics = Array.isArray(broker.props.topics) ? (broker.props.topics as Record<string, unknown>[]) : [];
      const t = topics.find((x) => x && x.name === c.name) ?? {};
      const partitions = int(t, 'partitions') || int(broker.props, 'defaultPartitions') || 3;
      const retentionHours = int(t, 'retentionHours') || int(broker.props, 'retentionHours') || 168;
      const cleanup = str(t, 'cleanupPolicy') === 'compact' ? 'compact' : 'delete';
      return {
        bindings: {
          kafka: {
            topic: c.name,
            partitions,
            replicas: int(broker.props, 'replicationFactor') || 1,
            topicConfiguration: { 'cleanup.policy': [cleanup], 'retention.ms': retentionHours * 3_600_000 },
            bindingVersion: '0.5.0',
          },
        },
      };
    }
    case 'rabbitmq': {
      const vhost = str(broker.props, 'vhost') || '/';
      return c.kind === 'exchange'
        ? { bindings: { amqp: { is: 'routingKey', exchange: { name: c.name, type: c.exchangeType ?? 'topic', durable: true, autoDelete: false, vhost }, bindingVersion: '0.3.0' } } }
        : { bindings: { amqp: { is: 'queue', queue: { name: c.name, durable: true, exclusive: false, autoDelete: false, vhost }, bindingVersion: '0.3.0' } } };
    }
    case 'ibm-mq':
      return { bindings: { ibmmq: { destinationType: 'queue', queue: { objectName: c.name }, bindingVersion: '0.1.0' } } };
    default:
      return {};
  }
}

function qosOf(broker: KNode, e: KEdge | undefined): number {
  const q = Number(str(e?.props ?? {}, 'qos') || str(broker.props, 'qos') || '1');
  return q === 0 || q === 2 ? q : 1;
}

function sendBindings(broker: KNode, routingKey: string | undefined, e: KEdge | undefined): Record<string, unknown> {
  switch (broker.kind.id) {
    case 'rabbitmq':
      return { bindings: { amqp: { cc: [routingKey ?? '#'], deliveryMode: 2, bindingVersion: '0.3.0' } } };
    case 'mqtt-broker':
      return { bindings: { mqtt: { qos: qosOf(broker, e), retain: false, bindingVersion: '0.2.0' } } };
    default:
      return {};
  }
}

function receiveBindings(broker: KNode, group: string | undefined, e: KEdge | undefined): Record<string, unknown> {
  switch (broker.kind.id) {
    case 'kafka':
      return group ? { bindings: { kafka: { groupId: { type: 'string', enum: [group] }, bindingVersion: '0.5.0' } } } : {};
    case 'rabbitmq':
      return { bindings: { amqp: { ack: str(broker.props, 'ack') !== 'auto', bindingVersion: '0.3.0' } } };
    case 'mqtt-broker':
      return { bindings: { mqtt: { qos: qosOf(broker, e), bindingVersion: '0.2.0' } } };
    case 'nats':
      return { bindings: { nats: { queue: (e?.to.id ?? 'consumers').slice(0, 255), bindingVersion: '0.1.0' } } };
    default:
      return {};
  }
}
