import { describe, expect, it } from 'vitest';
import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { allKindsDesign, loadExamples } from '../../test/golden/fixtures';
import type { Topology } from '../../shared/model/types';
import { generateAsyncApi } from './asyncapi';
import { HOSTILE_LABELS, messagingDesign } from '../../test/fixtures/interop-designs';

const parser = new Parser();

/** Parses with the official AsyncAPI parser; fails the test on any error-level diagnostic. */
async function parseValid(text: string) {
  const { document, diagnostics } = await parser.parse(text);
  const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${d.path.join('/')}`);
  expect(errors).toEqual([]);
  expect(document).toBeDefined();
  return document!;
}

describe('generateAsyncApi', () => {
  it('describes every broker, channel and producer/consumer connection, valid for the AsyncAPI parser', async () => {
    const doc = messagingDesign();
    const text = generateAsyncApi(doc);
    const api = await parseValid(text);
    expect(api.version()).toBe('3.0.0');
    expect(api.info().title()).toBe('Order events');

    const servers = Object.fromEntries(api.servers().all().map((s) => [s.id(), [s.host(), s.protocol()]]));
    expect(servers).toEqual({
      bus: ['bus:19092', 'kafka'],
      mq: ['mq:5672', 'amqp'],
      mosquitto: ['mosquitto:1883', 'mqtt'],
      nats: ['nats:4222', 'nats'],
      ibmmq: ['ibmmq:1414', 'ibmmq'],
    });

    const addresses = api.channels().all().map((c) => c.address()).sort();
    expect(addresses).toEqual(
      [
        // Kafka: the listed topic, the producers' topics (named after their services), a dead-letter topic per topic read.
        'audit', 'orders-api.events', 'payments.settled', 'orders.events', 'audit.dlt', 'orders-api.events.dlt', 'payments.settled.dlt', 'orders.events.dlt',
        // RabbitMQ: the exchange, the consumer's queue, its dead-letter queue and the dead-letter exchange.
        'orders-api.events', 'mailer.orders-api.events', 'mailer.orders-api.events.dlq', 'topoforge.dlx',
        'sensors/telemetry',
        // NATS: the subject and its dead-letter subject (a prefix, so that a wildcard consumer does not read it back).
        'payments.refunds', 'dlq.payments.refunds',
        // IBM MQ: the queue and its backout queue.
        'CORE_BANKING.EVENTS', 'CORE_BANKING.EVENTS.BACKOUT',
      ].sort(),
    );

    const ops = api.operations().all().map((o) => `${o.action()} ${o.channels().all()[0]!.address()} ${o.json()['x-topoforge-edge']}`).sort();
    expect(ops).toEqual(
      [
        'send orders-api.events orders->bus',
        'send payments.settled payments->bus',
        'receive audit bus->billing',
        'receive orders-api.events bus->billing',
        'receive payments.settled bus->billing',
        'receive orders.events bus->shipping',
        'send orders-api.events orders->mq',
        'receive mailer.orders-api.events mq->mailer',
        'send sensors/telemetry sensors->mosquitto',
        'receive sensors/telemetry mosquitto->ingest',
        'send payments.refunds payments->nats',
        'receive payments.refunds nats->notifier',
        'send CORE_BANKING.EVENTS core-bank->ibmmq',
        'receive CORE_BANKING.EVENTS ibmmq->ledger',
      ].sort(),
    );
  });

  it('links the schema registry wired to Kafka and gives each channel its data format', async () => {
    const raw = parse(generateAsyncApi(messagingDesign())) as Record<string, Record<string, Record<string, unknown>>>;
    const bus = raw.servers!.bus as Record<string, unknown>;
    expect(bus['x-schema-registry']).toMatchObject({ url: 'http://registry:8081', node: 'registry' });
    expect(bus.bindings).toEqual({ kafka: { schemaRegistryUrl: 'http://registry:8081', schemaRegistryVendor: 'confluent', bindingVersion: '0.5.0' } });
    const messages = raw.components!.messages as Record<string, Record<string, unknown>>;
    // The Orders API writes Avro; the registry's default format (AVRO) covers the others on Kafka.
    expect(messages['bus.orders.events.message']!.contentType).toBe('application/vnd.apache.avro+binary');
    expect((messages['bus.orders.events.message']!.payload as Record<string, unknown>)['x-data-format']).toBe('avro');
    expect(messages['bus.orders.events.message']!['x-schema-registry-subject']).toBe('orders.events-value');
    // Off Kafka, no registry: JSON.
    expect(messages['nats.payments.refunds.message']!.contentType).toBe('application/json');
    // The listed topic keeps its settings.
    const audit = (raw.channels!['bus.audit'] as Record<string, Record<string, Record<string, unknown>>>).bindings!.kafka!;
    expect(audit).toMatchObject({ partitions: 6, topicConfiguration: { 'cleanup.policy': ['compact'] } });
    // The consumer group is documented on the receive operation.
    const billing = raw.operations!['billing.receive.audit'] as Record<string, Record<string, Record<string, unknown>>>;
    expect(billing.bindings!.kafka!.groupId).toEqual({ type: 'string', enum: ['billing-v2'] });
  });

  it('stays valid for the whole catalog, the examples and a design with no broker', async () => {
    const designs: Topology[] = [allKindsDesign(), ...loadExamples().map((e) => e.doc)];
    for (const doc of designs) await parseValid(generateAsyncApi(doc));
    const none = messagingDesign();
    none.nodes = none.nodes.filter((n) => n.kind === 'worker');
    const api = await parseValid(generateAsyncApi(none));
    expect(api.channels().all()).toHaveLength(0);
  });

  it('keeps hostile labels as plain text and the same design gives the same bytes', async () => {
    const doc = messagingDesign();
    doc.name = HOSTILE_LABELS.join(' ');
    doc.description = HOSTILE_LABELS.join('\n');
    doc.nodes.forEach((n, i) => (n.label = HOSTILE_LABELS[i % HOSTILE_LABELS.length]!));
    const text = generateAsyncApi(doc);
    const api = await parseValid(text);
    // One line, cut to 200 characters.
    const oneLine = HOSTILE_LABELS.join(' ').replace(/\s+/g, ' ').trim();
    expect(api.info().title()).toBe(Array.from(oneLine).slice(0, 199).join('') + '…');
    expect(api.servers().get('bus')!.json().title).toBe(HOSTILE_LABELS[2]);
    expect(generateAsyncApi(structuredClone(doc))).toBe(text);
  });

  it('never writes a credential', () => {
    const text = generateAsyncApi(messagingDesign());
    expect(text).not.toMatch(/password|secret|@[a-z-]+:\d/i);
  });

  it('gives a broker hosting JMS and AMQP a server per protocol on the port that serves it, with its product\'s bindings only', async () => {
    const doc: Topology = {
      topoforge: 1,
      name: 'Artemis',
      nodes: [
        { id: 'api', kind: 'rest-service', label: 'API', props: {} },
        { id: 'amq', kind: 'activemq', label: 'Artemis', props: {} },
        { id: 'mq', kind: 'ibm-mq', label: 'IBM MQ', props: {} },
        { id: 'w', kind: 'worker', label: 'W', props: {} },
      ],
      edges: [
        { id: 'e1', from: 'api', to: 'amq', protocol: 'jms', props: { queue: 'ORDERS.IN' } },
        { id: 'e2', from: 'amq', to: 'w', protocol: 'jms', props: { queue: 'ORDERS.IN' } },
        { id: 'e3', from: 'api', to: 'amq', protocol: 'amqp', props: { exchange: 'events' } },
        { id: 'e4', from: 'amq', to: 'w', protocol: 'amqp', props: {} },
        { id: 'e5', from: 'api', to: 'mq', protocol: 'jms', props: {} },
      ],
      layout: {},
    } as unknown as Topology;
    const text = generateAsyncApi(doc);
    const api = await parseValid(text);
    const servers = Object.fromEntries(api.servers().all().map((s) => [s.id(), [s.host(), s.protocol(), s.protocolVersion()]]));
    expect(servers).toMatchObject({ 'amq-jms': ['amq:61616', 'jms', undefined], 'amq-amqp': ['amq:5672', 'amqp', '1.0'], mq: ['mq:1414', 'ibmmq', undefined] });
    const y = parse(text) as { servers: Record<string, { bindings?: unknown }>; channels: Record<string, { address: string; bindings?: Record<string, unknown> }> };
    expect(y.servers['amq-jms']!.bindings).toBeUndefined();
    expect(y.servers.mq!.bindings).toHaveProperty('ibmmq');
    // Artemis' queues and addresses carry neither IBM MQ nor AMQP 0-9-1 bindings; IBM MQ's queue keeps its own.
    const artemis = Object.values(y.channels).filter((c) => ['ORDERS.IN', 'ORDERS.IN.BACKOUT', 'events', 'w.events'].includes(c.address));
    expect(artemis.length).toBeGreaterThan(2);
    for (const c of artemis) expect(c.bindings, c.address).toBeUndefined();
    expect(Object.values(y.channels).find((c) => c.address === 'API.EVENTS')!.bindings).toHaveProperty('ibmmq');
  });
});
