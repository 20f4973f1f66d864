import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateKubernetes } from '../../k8s/index';
import { bundle, design } from '../../stack/testkit';
import { importCompose } from '../../interop/compose';
import { validate } from '../../../shared/validation';

/**
 * ActiveMQ Artemis: one broker for JMS and AMQP 1.0 clients, its addresses, queues and
 * dead-letter addresses those of the messaging plan, its user the one the official image creates.
 */
const doc = design(
  [
    { id: 'orders', kind: 'rest-service', label: 'Orders' },
    { id: 'billing', kind: 'worker', label: 'Billing' },
    { id: 'mq', kind: 'activemq', label: 'Broker' },
    { id: 'audit', kind: 'worker', label: 'Audit' },
  ],
  [
    { from: 'orders', to: 'mq', protocol: 'jms', props: { queue: 'ORDERS.IN' } },
    { from: 'mq', to: 'billing', protocol: 'jms', props: { queue: 'ORDERS.IN', retries: 2, deadLetter: true } },
    { from: 'orders', to: 'mq', protocol: 'amqp', props: { exchange: 'order-events' } },
    { from: 'mq', to: 'audit', protocol: 'amqp', props: { queue: 'audit-in', deadLetter: true } },
  ],
);

describe('activemq', () => {
  it('can be drawn with JMS and AMQP producers and consumers without errors', () => {
    expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
  });

  const b = bundle(doc);

  it('runs the official image with its user from .env and the plan\'s broker.xml over the instance\'s', () => {
    const s = b.compose.services.broker!;
    expect(s.image).toBe('apache/activemq-artemis:2.37.0');
    expect(String(s.environment!.ARTEMIS_USER)).toMatch(/^\$\{BROKER_USER:\?/);
    expect(String(s.environment!.ARTEMIS_PASSWORD)).toMatch(/^\$\{BROKER_PASSWORD:\?/);
    expect(JSON.stringify(s.volumes)).toContain('./config/mq/broker.xml:/var/lib/artemis-instance/etc-override/broker.xml:ro');
    // Only the web console is published on the host.
    expect(s.ports).toEqual(['127.0.0.1:${BROKER_CONSOLE_PORT:-8161}:8161']);
  });

  it('declares the queues of both protocols, each with its dead-letter address and delivery attempts', () => {
    const xml = b.file('config/mq/broker.xml');
    expect(xml).toContain('<acceptor name="artemis">tcp://0.0.0.0:61616?');
    expect(xml).toContain('<acceptor name="amqp">tcp://0.0.0.0:5672?');
    expect(xml).toContain('<address name="ORDERS.IN"><anycast><queue name="ORDERS.IN"/></anycast></address>');
    expect(xml).toMatch(/<address-setting match="ORDERS.IN">\s*<dead-letter-address>ORDERS.IN.BACKOUT<\/dead-letter-address>\s*<redelivery-delay>0<\/redelivery-delay>\s*<max-delivery-attempts>3<\/max-delivery-attempts>/);
    expect(xml).toContain('<address name="order-events"><multicast/></address>');
    expect(xml).toContain('<divert name="order-events.to.audit-in"><address>order-events</address><forwarding-address>audit-in</forwarding-address>');
    expect(xml).toMatch(/<address-setting match="audit-in">\s*<dead-letter-address>audit-in.dlq<\/dead-letter-address>\s*<redelivery-delay>0<\/redelivery-delay>\s*<max-delivery-attempts>1<\/max-delivery-attempts>/);
    expect(xml).not.toMatch(/password/i);
  });

  it('gives JMS and AMQP clients the URL of their protocol, the user, and their queues', () => {
    const orders = b.compose.services.orders!.environment!;
    expect(orders).toMatchObject({ BROKER_BROKER_URL: 'tcp://broker:61616', BROKER_AMQP_URL: 'amqp://broker:5672', BROKER_PUT_QUEUES: 'ORDERS.IN', BROKER_SEND_ADDRESSES: 'order-events' });
    expect(b.compose.services.billing!.environment).toMatchObject({ BROKER_GET_QUEUES: 'ORDERS.IN', BROKER_DEAD_LETTER_QUEUES: 'ORDERS.IN.BACKOUT' });
    expect(b.compose.services.audit!.environment).toMatchObject({ BROKER_RECEIVE_QUEUES: 'audit-in', BROKER_AMQP_DEAD_LETTER_QUEUES: 'audit-in.dlq', BROKER_MAX_RETRIES: '0' });
  });

  it('names it in the document as the broker of both protocols', () => {
    const md = b.files.find((f) => f.path === 'README.md')!.content;
    expect(md).toContain('`broker`');
  });

  it('on Kubernetes: a StatefulSet with the same broker.xml from a ConfigMap and the user from a Secret', () => {
    const objs = generateKubernetes(doc)
      .filter((f) => f.path.startsWith('k8s/base/components/'))
      .flatMap((f) => parseAllDocuments(f.content, { version: '1.1' }).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: Record<string, unknown>; data?: Record<string, string> }));
    expect(objs.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'broker')).toBe(true);
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.data?.['broker.xml'])!;
    expect(cm.data!['broker.xml']).toBe(b.file('config/mq/broker.xml'));
  });

  it('imports an Artemis image as activemq', async () => {
    const { doc: imported } = await importCompose('services:\n  artemis:\n    image: apache/activemq-artemis:2.37.0\n    environment:\n      ARTEMIS_USER: app\n');
    expect(imported.nodes.map((n) => n.kind)).toEqual(['activemq']);
  });
});
