import type { Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { described, name, names, svc, svcs, uniq } from '../context';
import { brokers, consumers, mainChannels, producers } from '../facts';
import { andList, md } from '../markdown';

/** Event-Driven Architecture: the streaming platform, schemas, replay and who reacts to what. */

const streaming = (c: Ctx) => brokers(c).filter((b) => c.facet(b).broker?.streaming(b));
const registries = (c: Ctx) => c.withRole('schema-registry').filter((s) => c.facet(s).schemas);

export const events: Section = {
  title: 'Event-Driven Architecture',
  unused: (c) => (brokers(c).length === 0 && c.flows('cdc').length === 0 ? 'no events: nothing is published or captured' : undefined),
  fields: {
    EVENT_STREAMING_PLATFORM: (c) => {
      const s = streaming(c);
      if (s.length) return fact(andList(s.map((b) => `${described(b)}`)), { short: andList(s.map((b) => md(b.kind.name))) });
      const b = brokers(c);
      return fact(`none: ${names(b)} ${b.length === 1 ? 'delivers' : 'deliver'} messages and ${b.length === 1 ? 'keeps' : 'keep'} none once consumed`, { short: '' });
    },

    EVENT_SCHEMA: (c) => {
      const r = registries(c);
      if (r.length) return fact(andList(r.map((s) => `${c.facet(s).schemas!.format(s)} schemas in ${name(s)}, checked ${c.facet(s).schemas!.compatibility(s)}-compatible`)), { short: `${c.facet(r[0]!).schemas!.format(r[0]!)} schema` });
      const f = brokers(c).map((b) => [b, c.facet(b).format?.(b)] as const).filter((x) => x[1]);
      if (f.length) return fact(`${andList(f.map(([b, x]) => `${md(x!)} on ${svc(b)}`))}, with no schema registry to enforce a schema`, { short: `${md(f[0]![1]!)} events` });
      return open('no schema registry and no broker format', { value: 'CloudEvents', because: 'a common envelope for events between teams' });
    },

    EVENT_SOURCING: (c) => {
      const s = c.eventStores();
      if (s.length) return fact(`state rebuilt from the events kept in ${names(s)}`, { short: 'event sourcing' });
      const dbs = c.withRole('database').filter((d) => d.in.some((f) => f.kind === 'query' && f.client && f.client !== d));
      return dbs.length ? fact(`none: state lives in ${svcs(dbs, 6)}; no store is kept as an event store`, { short: '' }) : open('no store is kept as an event store', { value: 'event-carried state transfer', because: 'events carry the state consumers need' });
    },

    EVENT_STORE: (c) => {
      const s = c.eventStores();
      const compacted = c.plans().flatMap((p) => p.channels.filter((x) => x.cleanupPolicy === 'compact').map((x) => `${md(x.name, 80)} on ${svc(p.broker)}`));
      const parts = [...s.map((x) => `${described(x)}`), ...(compacted.length ? [`compacted topics ${andList(compacted)}`] : [])];
      if (parts.length) return fact(andList(parts), { short: s.length ? names(s, 2) : 'compacted topics' });
      const log = streaming(c);
      if (log.length) return fact(`the topics of ${names(log)} for their retention; no store keeps events beyond it`, { short: `${andList(log.map((b) => md(b.kind.name)))} topics` });
      return open('no event store and no compacted topic', { value: 'PostgreSQL with outbox', because: 'events stored with the data that produced them' });
    },

    EVENT_PROCESSING: (c) => {
      const cons = consumers(c);
      if (!cons.length) return open('nothing consumes the events yet');
      const stream = cons.filter((x) => x.roles.includes('stream-processor'));
      const rest = cons.filter((x) => !x.roles.includes('stream-processor'));
      const parts: string[] = [];
      if (stream.length) parts.push(`stream jobs on ${names(stream)}`);
      if (rest.length) parts.push(`${rest.length === 1 ? 'consumer' : 'consumers'} ${names(rest, 8)}, each in ${rest.length === 1 ? 'its' : 'its own'} consumer group`);
      return fact(parts.join('; '), { short: stream.length ? andList(stream.map((x) => md(x.kind.product))) : 'consumer services' });
    },

    EVENT_CHOREOGRAPHY: (c) => {
      const writers = new Set(producers(c));
      const both = consumers(c).filter((x) => writers.has(x));
      if (both.length) return fact(`choreography: ${names(both, 8)} react to events by publishing new ones; no component coordinates them`, { short: 'event choreography' });
      const cons = consumers(c);
      if (cons.length) return fact(`event notification: ${names(cons, 8)} ${cons.length === 1 ? 'reacts' : 'react'} to events and ${cons.length === 1 ? 'publishes' : 'publish'} none back`, { short: 'event notification' });
      return open('nothing consumes the events yet');
    },

    EVENT_ORCHESTRATION: (c) => {
      const writers = new Set(producers(c));
      const both = consumers(c).filter((x) => writers.has(x));
      if (both.length) return fact(`none: the services coordinate by events (choreography), no workflow engine is drawn`, { short: 'choreography, no orchestrator' });
      const cons = consumers(c);
      if (cons.length) return fact(`none: ${svcs(cons, 8)} react${cons.length === 1 ? 's' : ''} to events independently; no flow spans several steps`, { short: '' });
      return open('no workflow engine is drawn and nothing reacts to the events yet', { value: 'Temporal', because: 'durable workflows when a flow spans several services' });
    },

    EVENT_REPLAY: (c) => {
      const parts: string[] = [];
      for (const p of c.plans()) {
        const w = c.facet(p.broker).broker;
        const r = w?.replay(p);
        if (r && mainChannels(p).length) parts.push(`${svc(p.broker)}: ${r}`);
      }
      if (parts.length) return fact(`consumers can re-read ${parts.join('; ')}`, { short: 'replay from offset' });
      return fact(`none: ${svcs(brokers(c))} ${brokers(c).length === 1 ? 'drops' : 'drop'} a message once it is consumed`, { short: '' });
    },

    EVENT_VERSIONING: (c) => {
      const r = registries(c);
      if (r.length) return fact(andList(r.map((s) => `${c.facet(s).schemas!.compatibility(s)} compatibility, enforced by ${name(s)} on every new schema version`)), { short: `${c.facet(r[0]!).schemas!.compatibility(r[0]!)} compatible` });
      return open('no schema registry checks new event versions', { value: 'backward compatible', because: 'consumers keep reading while producers move ahead' });
    },

    EVENT_GOVERNANCE: (c) => {
      const r = registries(c);
      const topics = c.plans().flatMap((p) => mainChannels(p));
      const derived = c.plans().flatMap((p) => p.publications.filter((x) => !x.flow.props.topic && !x.flow.props.exchange && !x.flow.props.subject && !x.flow.props.queue && !x.cdc)).length;
      const parts: string[] = [];
      if (r.length) parts.push(`schemas registered in ${svcs(r)}`);
      if (derived) parts.push(`channels named after their producer (\`<service>.events\`) unless set on the connection`);
      if (topics.length && !parts.length) parts.push(`${uniq(topics).length === 1 ? 'the channel is' : `${uniq(topics).length} channels are`} named on the connections`);
      return parts.length ? fact(parts.join('; '), { short: r.length ? 'schema registry' : 'naming conventions' }) : open('no schema registry or naming rule', { value: 'schema registry', because: 'it checks every new schema version' });
    },
  },
};
