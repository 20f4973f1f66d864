import type { BrokerPlan } from '../../../shared/resolve';
import type { Answer, Claim, Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { described, name, svc, svcs, uniq } from '../context';
import { brokers, channelClaims, channelCount, consumers, deadLetterSentences, mainChannels, noDeadLetter, producers, consumerOn } from '../facts';
import { andList, md } from '../markdown';
import type { BrokerWords } from '../../kinds/types';

/** Messaging Patterns: each broker and how messages move through it (the broker's own words). */

/** One phrase per broker plan, with the broker named when there are several. */
export function perPlan(c: Ctx, f: (p: BrokerPlan, w: BrokerWords) => string | undefined, shortOf?: (p: BrokerPlan, w: BrokerWords) => string, claimsOf?: (p: BrokerPlan, text: string) => Claim[]): Answer | undefined {
  const plans = c.plans().filter((p) => c.facet(p.broker).broker);
  const phrases = plans.map((p) => [p, f(p, c.facet(p.broker).broker!)] as const).filter((x): x is readonly [BrokerPlan, string] => !!x[1]);
  if (!phrases.length) return undefined;
  const many = plans.length > 1;
  const text = phrases.map(([p, t]) => (many ? `${svc(p.broker)}: ${t}` : t)).join('; ');
  const short = shortOf ? andList(uniq(phrases.map(([p]) => shortOf(p, c.facet(p.broker).broker!)))) : undefined;
  const claims = claimsOf ? phrases.flatMap(([p, t]) => claimsOf(p, t)) : [];
  return fact(text, { ...(short ? { short } : {}), claims });
}

/** The partitions, retention and clean-up a plan gives each of its channels that has them (Kafka topics). */
function channelSettingClaims(p: BrokerPlan, text: string): Claim[] {
  return p.channels
    .filter((x) => x.partitions !== undefined || x.retentionHours !== undefined)
    .map((x) => ({ type: 'channel-settings', text, broker: p.broker.service, protocol: p.protocol, channel: x.name, ...(x.partitions !== undefined ? { partitions: x.partitions } : {}), ...(x.retentionHours !== undefined ? { retentionHours: x.retentionHours } : {}), ...(x.cleanupPolicy ? { cleanupPolicy: x.cleanupPolicy } : {}) }));
}

const noBroker = () => open('no broker is drawn');

export const messaging: Section = {
  title: 'Messaging Patterns',
  unused: (c) => (brokers(c).length === 0 ? 'no message broker' : undefined),
  fields: {
    MESSAGE_BROKER: (c) => {
      const b = brokers(c);
      if (!b.length) return noBroker();
      const claims: Claim[] = [];
      const parts = b.map((x) => {
        const plans = c.plans().filter((p) => p.broker === x);
        const chans = plans.flatMap((p) => mainChannels(p).filter((n) => p.channels.find((ch) => ch.name === n)?.kind !== 'exchange').map((n) => ({ p, n })));
        const t = chans.length ? `${channelCount(plans[0]!, chans.length)}: ${andList(chans.map((x2) => md(x2.n, 80)), 10)}` : 'no channel yet';
        for (const p of plans) claims.push(...channelClaims(p, t));
        return `${described(x)} with ${t}`;
      });
      return fact(parts.join('; '), { short: andList(b.map((x) => `${svc(x)} (${md(x.kind.name)})`)), claims });
    },

    MESSAGING_PARADIGM: (c) => perPlan(c, (p, w) => `${w.paradigm(p)}: ${w.paradigmDetail(p)}`, (p, w) => w.paradigm(p)) ?? noBroker(),

    MESSAGE_ROUTING: (c) => perPlan(c, (p, w) => w.routing(p), (p, w) => w.routing(p).split(/[:;(]/)[0]!.trim()) ?? noBroker(),

    MESSAGE_TRANSFORMATION: (c) => {
      const readers = new Set(consumers(c));
      const writers = new Set(producers(c));
      const tx = c.r.components.filter((x) => readers.has(x) && writers.has(x));
      if (tx.length) {
        return fact(andList(tx.map((x) => {
          const read = uniq(c.plans().flatMap((p) => p.subscriptions.filter((s) => s.client === x).flatMap((s) => s.channels)));
          const wrote = uniq(c.plans().flatMap((p) => p.publications.filter((s) => s.client === x).map((s) => s.channel)));
          return `${name(x)} turns ${andList(read.map((r) => md(r, 80)), 3)} into ${andList(wrote.map((w) => md(w, 80)), 3)}`;
        }), 6), { short: `custom transformers (${svcs(tx, 4)})` });
      }
      const cons = consumers(c);
      if (cons.length) return fact(`none: ${svcs(cons, 8)} act${cons.length === 1 ? 's' : ''} on messages without publishing new ones`, { short: '' });
      return open('nothing consumes the messages yet');
    },

    MESSAGE_SERIALIZATION: (c) => {
      const reg = c.withRole('schema-registry');
      const b = brokers(c);
      // A broker whose record format is left at the catalog's default, beside a schema registry, is a decision not yet made.
      const unset = b.filter((x) => c.facet(x).formatSet?.(x) === false);
      if (reg.length && unset.length) return open(`${svcs(reg)} is drawn but ${svcs(unset)} ${unset.length === 1 ? 'keeps' : 'keep'} the default record format (${md(c.facet(unset[0]!).format?.(unset[0]!) ?? 'JSON')})`, { value: 'Avro', because: `${svcs(reg)} is drawn: a schema registry is mostly used with Avro` });
      const parts: string[] = [];
      for (const x of b) {
        const f = c.facet(x).format?.(x);
        if (f) parts.push(`${md(f)} records on ${svc(x)}`);
      }
      for (const s of reg) {
        const w = c.facet(s).schemas;
        if (w) parts.push(`${w.format(s)} schemas registered in ${name(s)}`);
      }
      const fmts = uniq(producers(c).map((p) => c.facet(p).format?.(p)).filter((x): x is string => !!x));
      if (fmts.length) parts.push(`producers write ${andList(fmts.map((x) => md(x)))}`);
      if (parts.length) return fact(parts.join('; '), { short: andList(uniq([...b.map((x) => c.facet(x).format?.(x)).filter((x): x is string => !!x), ...reg.map((s) => c.facet(s).schemas?.format(s)).filter((x): x is string => !!x)])) || undefined });
      return open('no broker or producer states a format', reg.length ? { value: 'Avro', because: `${svcs(reg)} is drawn: a schema registry is mostly used with Avro` } : { value: 'JSON Schema', because: 'readable payloads with a schema to validate them' });
    },

    MESSAGE_ORDERING: (c) => perPlan(c, (p, w) => w.ordering(p), (p, w) => w.ordering(p).split(/[(,;]/)[0]!.trim()) ?? noBroker(),

    MESSAGE_DURABILITY: (c) => perPlan(c, (p, w) => w.durability(p), (p, w) => w.durability(p).split(/[(,;]/)[0]!.trim()) ?? noBroker(),

    MESSAGE_ACKNOWLEDGMENT: (c) => perPlan(c, (p, w) => w.acknowledgement(p), (p, w) => w.guarantee(p)) ?? noBroker(),

    DEAD_LETTER_HANDLING: (c) => {
      const dl = deadLetterSentences(c);
      const off = noDeadLetter(c);
      const mqtt = c.plans().filter((p) => p.subscriptions.length && p.channels.every((x) => x.role !== 'dead-letter') && !off.some((o) => o.plan === p));
      const parts = dl.map((d) => d.text);
      for (const p of c.plans()) {
        const w = c.facet(p.broker).broker;
        if (w && p.channels.some((x) => x.role === 'dead-letter' && x.kind !== 'exchange')) parts.push(`on ${svc(p.broker)}, ${w.deadLetterHow(p)}`);
      }
      const switched = off.filter((o) => o.why === 'off');
      const ingests = off.filter((o) => o.why === 'ingests');
      if (switched.length) parts.push(`dead-lettering is switched off for ${consumerOn(switched)}: what ${switched.length === 1 ? 'it' : 'they'} cannot process is lost or blocks`);
      const unkept = off.filter((o) => o.why === 'unkept');
      if (unkept.length) parts.push(`${consumerOn(unkept)}: no dead-letter channel, as the broker keeps no message to park (what is not processed at once is lost)`);
      if (ingests.length) parts.push(`${consumerOn(ingests)} ${ingests.length === 1 ? 'reads' : 'read'} the broker with ${ingests.length === 1 ? 'its' : 'their'} own ingestion and ${ingests.length === 1 ? 'has' : 'have'} no dead-letter channel: a record ${ingests.length === 1 ? 'it' : 'they'} cannot store is skipped or stops ${ingests.length === 1 ? 'its' : 'their'} reading`);
      for (const p of mqtt) parts.push(c.facet(p.broker).broker!.deadLetterHow(p) + ` (${svc(p.broker)})`);
      if (!parts.length) return consumers(c).length ? open('no consumer dead-letters') : open('nothing consumes from the brokers yet');
      return fact(parts.join('; '), { short: dl.length ? andList(uniq(c.plans().filter((p) => p.channels.some((x) => x.role === 'dead-letter')).map((p) => `${c.facet(p.broker).broker!.deadLetterWord}s`))) : undefined, claims: dl.flatMap((d) => d.claims) });
    },

    MESSAGE_RETENTION: (c) => perPlan(c, (p, w) => w.retention(p), (p, w) => w.retention(p).split(/[(;]/)[0]!.trim(), channelSettingClaims) ?? noBroker(),
  },
};
