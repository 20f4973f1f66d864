import type { Ctx, Resolver } from '../context';
import { components, filled, names, nodeName, num, open, plural, str } from '../context';
import { consumers, kafkaTopics, producers } from '../facts';
import { andList, code, md } from '../markdown';

/** Event-Driven Architecture: the streaming platform and how events are governed. */

const platforms = (c: Ctx) => [...c.ofKind('kafka'), ...c.ofKind('nats').filter((n) => n.props.jetstream === true)];
const noPlatform = (what: string) => open('no event streaming platform in the design', `add Kafka (or NATS with JetStream) to decide ${what}`);
const hours = (h: number | undefined) => (h === undefined ? 'the retention' : h % 24 === 0 ? `${h / 24} ${h === 24 ? 'day' : 'days'}` : `${h} hours`);
const registries = (c: Ctx) => c.ofKind('schema-registry');
const eventStores = (c: Ctx) => c.ofKind('mongodb').filter((n) => n.props.eventStore === true);
const compacted = (c: Ctx) =>
  c.ofKind('kafka').flatMap((k) => (Array.isArray(k.props.topics) ? (k.props.topics as { name?: unknown; cleanupPolicy?: unknown }[]) : []).filter((t) => t?.cleanupPolicy === 'compact').map((t) => `${md(t.name, 60)} on ${code(k.id)}`));

export const events: Record<string, Resolver> = {
  EVENT_STREAMING_PLATFORM: (c) => {
    const p = platforms(c);
    return p.length ? filled(components(p), names(p, 3)) : noPlatform('the platform');
  },

  EVENT_SCHEMA: (c) => {
    const r = registries(c);
    if (r.length) return filled(andList(r.map((s) => `${md(str(s.props, 'format'))} schemas in ${nodeName(s)}`)), `${md(str(r[0]!.props, 'format'))} schema`);
    const k = c.ofKind('kafka');
    if (k.length) return filled(`${andList(k.map((n) => `${md(str(n.props, 'serialization').toUpperCase())} on ${code(n.id)}`))}, with no schema registry to enforce a schema`, `${md(str(k[0]!.props, 'serialization').toUpperCase())} events`);
    return noPlatform('the event schema');
  },

  EVENT_SOURCING: (c) => {
    const s = eventStores(c);
    if (s.length) return filled(`state rebuilt from events kept in ${components(s)}`, 'event sourcing');
    return open('no store is marked as an event store', 'turn on Event store on a MongoDB node (or keep services’ state in their own databases, as drawn)');
  },

  EVENT_STORE: (c) => {
    const s = eventStores(c);
    const comp = compacted(c);
    if (s.length || comp.length) return filled([s.length ? components(s) : '', comp.length ? `compacted topics ${andList(comp)}` : ''].filter(Boolean).join('; '), s.length ? names(s, 2) : 'compacted Kafka topics');
    return open('no event store and no compacted topic in the design', 'mark a MongoDB as Event store or set a topic’s cleanup policy to compact');
  },

  EVENT_PROCESSING: (c) => {
    const cons = consumers(c);
    if (!cons.length) return platforms(c).length ? open('nothing consumes the events yet', 'draw connections from the broker to the consumers') : noPlatform('event processing');
    const flink = cons.filter((n) => n.node.kind === 'flink');
    const rest = cons.filter((n) => n.node.kind !== 'flink');
    const parts: string[] = [];
    if (flink.length) parts.push(`stream jobs on ${components(flink)}`);
    if (rest.length) parts.push(`${rest.length === 1 ? 'consumer' : 'consumers'} ${names(rest, 8)}`);
    return filled(parts.join('; '), flink.length ? 'Apache Flink' : 'consumer services');
  },

  EVENT_CHOREOGRAPHY: (c) => {
    const writers = new Set(producers(c));
    const both = consumers(c).filter((n) => writers.has(n));
    if (both.length) return filled(`choreography: ${names(both, 8)} ${both.length === 1 ? 'reacts' : 'react'} to events by publishing new ones, with no central coordinator`, 'event choreography');
    const cons = consumers(c);
    if (cons.length) return filled(`event notification: ${names(cons, 8)} ${cons.length === 1 ? 'reacts to events and publishes' : 'react to events independently and publish'} none back`, 'event notification');
    return platforms(c).length || c.ofCategory('broker').length ? open('no consumer is connected to a broker', 'draw the consumers') : noPlatform('choreography');
  },

  EVENT_ORCHESTRATION: () => open('no workflow orchestrator in the design (the catalog has none)', 'choose one (e.g. Temporal, Camunda) and note it in the requirements'),

  EVENT_REPLAY: (c) => {
    const k = c.ofKind('kafka');
    const n = c.ofKind('nats').filter((x) => x.props.jetstream === true);
    const parts = [
      ...k.map((b) => `replay from any offset within ${hours(num(b.props, 'retentionHours'))} on ${code(b.id)}${kafkaTopics(c, b).length ? ` (${andList(kafkaTopics(c, b).map((t) => md(t, 60)), 5)})` : ''}`),
      ...n.map((b) => `replay within ${hours(num(b.props, 'maxAgeHours'))} of JetStream on ${code(b.id)}`),
    ];
    return parts.length ? filled(parts.join('; '), 'replay from offset') : noPlatform('replay');
  },

  EVENT_VERSIONING: (c) => {
    const r = registries(c);
    if (r.length) return filled(andList(r.map((s) => `${md(str(s.props, 'compatibility'))} compatibility enforced by ${nodeName(s)}`)), `${md(str(r[0]!.props, 'compatibility')).toLowerCase().replace('_', ' ')} compatible`);
    return platforms(c).length ? open('no schema registry checks new event versions', 'add a Schema Registry and choose its compatibility rule') : noPlatform('versioning');
  },

  EVENT_GOVERNANCE: (c) => {
    const r = registries(c);
    const topics = c.ofKind('kafka').flatMap((k) => kafkaTopics(c, k));
    if (r.length) return filled(`schema registry ${andList(r.map((s) => code(s.id)))}${topics.length ? `; ${plural(topics.length, 'named topic')}` : ''}`, 'schema registry');
    return platforms(c).length ? open('no schema registry or event catalog in the design', 'add a Schema Registry') : noPlatform('governance');
  },
};

