import { capturedTables } from '../../../shared/resolve';
import type { BrokerPlan, Component, Publication } from '../../../shared/resolve';
import type { Claim, Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { count, name, svc, svcs, uniq } from '../context';
import { alertClaim, alertPhrase, consumers, retriesText, scrapers } from '../facts';
import { andList, md } from '../markdown';

/** Data Synchronization: change data capture, scheduled copies and file transfers between systems. */

const cdc = (c: Ctx) => c.flows('cdc');
const jobs = (c: Ctx) => c.withRole('scheduled');
const files = (c: Ctx) => c.flows('file', 'object');
const uses = (c: Ctx) => cdc(c).length > 0 || jobs(c).length > 0 || files(c).length > 0;

/** CDC publications: which table lands in which topic. */
function captured(c: Ctx): { text: string; claims: Claim[] }[] {
  const out: { text: string; claims: Claim[] }[] = [];
  // Each client's publications per plan, in plan order (one pass, not every plan per connector).
  const published = new Map<Component, Map<BrokerPlan, Publication[]>>();
  for (const p of c.plans()) {
    for (const x of p.publications) {
      let perPlan = published.get(x.client);
      if (!perPlan) published.set(x.client, (perPlan = new Map()));
      const list = perPlan.get(p);
      if (list) list.push(x);
      else perPlan.set(p, [x]);
    }
  }
  for (const k of uniq(cdc(c).map((f) => f.sink))) {
    const snapshot = c.facet(k).snapshot?.(k) ?? 'streams changes';
    for (const [p, mine] of published.get(k) ?? []) {
      const perTable = mine.filter((x) => x.cdc);
      const named = mine.filter((x) => !x.cdc);
      const parts = perTable.map((x) => `${md(x.cdc!.table, 80)} of ${svc(x.cdc!.database)} into ${md(x.channel, 100)}`);
      for (const x of named) {
        const tables = k.at.filter((f) => f.kind === 'cdc' && f.sink === k).flatMap((f) => capturedTables(f.source, f).map((t) => `${md(`${t.schema}.${t.table}`, 80)} of ${svc(f.source)}`));
        parts.push(`${andList(tables, 6)} into ${md(x.channel, 100)}`);
      }
      const text = andList(parts, 8);
      out.push({ text: `${name(k)} captures ${text} on ${svc(p.broker)}; it ${snapshot}`, claims: mine.map((x) => ({ type: 'channel', text, broker: p.broker.service, protocol: p.protocol, channel: x.channel, channelKind: 'topic' })) });
    }
  }
  return out;
}

export const sync: Section = {
  title: 'Data Synchronization',
  unused: (c) => (uses(c) ? undefined : 'no data is copied between systems (no change data capture, scheduled job or file transfer)'),
  fields: {
    SYNCHRONIZATION_STRATEGY: (c) => {
      const parts: string[] = [];
      if (cdc(c).length) parts.push(`real-time change data capture from ${svcs(uniq(cdc(c).map((f) => f.source)))}`);
      if (jobs(c).length) parts.push(`scheduled batch sync by ${svcs(jobs(c))}`);
      if (files(c).length) parts.push(`file transfer by ${svcs(uniq(files(c).map((f) => f.client ?? f.from)))}`);
      return fact(parts.join('; '), { short: cdc(c).length ? 'real-time CDC' : jobs(c).length ? 'batch sync' : 'file transfer' });
    },

    DATA_CONSISTENCY_MODEL: (c) => {
      const moves = [cdc(c).length ? 'change data capture' : '', c.flows('message').length ? 'messages' : '', jobs(c).length ? 'scheduled jobs' : '', files(c).length ? 'files' : ''].filter(Boolean);
      return fact(`eventual consistency between systems (data moves by ${andList(moves)}); each database is consistent on its own`, { short: 'eventual consistency' });
    },

    CONFLICT_RESOLUTION: (c) => {
      const writers = new Map<string, Set<string>>();
      for (const f of c.flows('query')) {
        if (f.props.access === 'read' || !f.server || !f.client) continue;
        const set = writers.get(f.server.service) ?? new Set<string>();
        set.add(f.client.service);
        writers.set(f.server.service, set);
      }
      const shared = [...writers].filter(([, w]) => w.size > 1);
      if (shared.length) return open(`${andList(shared.map(([s, w]) => `\`${s}\` is written by ${andList([...w].map((x) => `\`${x}\``))}`))}, and nothing says whose write wins`, { value: 'last-writer-wins', because: 'the simplest rule when concurrent writes are rare' });
      return fact('none needed: data flows one way and every store has a single writer', { short: 'single writer per store' });
    },

    CHANGE_DATA_CAPTURE: (c) => {
      const cap = captured(c);
      if (cap.length) return fact(cap.map((x) => x.text).join('; '), { short: andList(uniq(cdc(c).map((f) => md(f.sink.kind.name)))), claims: cap.flatMap((x) => x.claims) });
      return cdc(c).length ? fact(`${svcs(uniq(cdc(c).map((f) => f.sink)))} ${cdc(c).length === 1 ? 'reads' : 'read'} the changes of ${svcs(uniq(cdc(c).map((f) => f.source)))} (no broker is drawn to publish them on)`) : open('no change data capture is drawn', { value: 'Debezium', because: 'the catalog’s CDC connector' });
    },

    REPLICATION_METHOD: (c) => {
      const parts = uniq(cdc(c).map((f) => `log-based CDC from ${c.facet(f.source).changeLog ?? 'the change log'} of ${svc(f.source)}`));
      for (const d of c.withRole('database')) {
        const rep = c.facet(d).replication?.(d);
        if (rep) parts.push(`${rep} on ${svc(d)}`);
      }
      if (parts.length) return fact(andList(parts), { short: cdc(c).length ? 'log-based CDC' : undefined });
      return jobs(c).length ? fact(`snapshot copies by ${svcs(jobs(c))} on schedule`, { short: 'scheduled snapshots' }) : fact(`file copies by ${svcs(uniq(files(c).map((f) => f.client ?? f.from)))}`, { short: 'file copies' });
    },

    SYNC_FREQUENCY: (c) => {
      const parts: string[] = [];
      if (cdc(c).length) parts.push('continuous: each change streams as it is committed');
      for (const j of jobs(c)) {
        const w = c.facet(j).schedule;
        if (w) parts.push(`${svc(j)} on cron ${md(w.cron(j), 40)}`);
      }
      for (const f of c.flowsOver('sftp')) if (typeof f.props.schedule === 'string') parts.push(`${svc(f.client ?? f.from)} moves files on cron ${md(f.props.schedule, 40)}`);
      return parts.length ? fact(parts.join('; '), { short: cdc(c).length ? 'real-time' : 'scheduled' }) : open('no schedule is set on the transfers');
    },

    DATA_VALIDATION: (c) => {
      const parts: string[] = [];
      for (const s of c.withRole('schema-registry')) {
        const w = c.facet(s).schemas;
        if (w) parts.push(`schemas checked by ${name(s)} (${w.compatibility(s)} compatibility)`);
      }
      for (const j of jobs(c)) {
        const w = c.facet(j).schedule;
        if (w) parts.push(`${svc(j)} ${w.onError(j)}`);
      }
      return parts.length ? fact(parts.join('; ')) : open('no schema registry and no rule for bad records', { value: 'schema validation', because: 'reject malformed records at the boundary' });
    },

    ERROR_RECOVERY: (c) => {
      const parts: string[] = [];
      if (cdc(c).length) parts.push(`${svcs(uniq(cdc(c).map((f) => f.sink)))} ${uniq(cdc(c).map((f) => f.sink)).length === 1 ? 'resumes' : 'resume'} from ${uniq(cdc(c).map((f) => f.sink)).length === 1 ? 'its' : 'their'} stored offsets after a restart`);
      const dead = c.deadLetters();
      if (dead.length) parts.push(`records that keep failing are parked in ${andList(dead.map((d) => md(d.name, 80)), 6)}${retriesText(dead[0]!.plan) ? ` ${retriesText(dead[0]!.plan)}` : ''}`);
      for (const j of jobs(c)) parts.push(`${svc(j)} runs again on its next schedule`);
      for (const f of c.flowsOver('sftp')) if (f.props.deadLetter !== false) parts.push(`failed files moved to a failed folder by ${svc(f.client ?? f.from)}`);
      return parts.length ? fact(parts.join('; ')) : open('nothing retries or parks failed records', { value: 'dead letter processing', because: 'keep what fails for a later replay' });
    },

    SYNC_MONITORING: (c) => {
      const sync = new Set([...cdc(c).flatMap((f) => [f.source, f.sink]), ...jobs(c), ...files(c).flatMap((f) => [f.from, f.to]), ...consumers(c)]);
      const watched = scrapers(c).flatMap((s) => s.targets.filter((t) => sync.has(t)).map((t) => ({ s: s.scraper, t })));
      const lag = c.r.observability.alerts.filter((a) => a.kind === 'consumer-lag' || a.kind === 'dead-letters');
      const claims: Claim[] = [];
      const parts: string[] = [];
      if (watched.length) parts.push(`${svcs(uniq(watched.map((w) => w.s)))} scrapes ${svcs(uniq(watched.map((w) => w.t)), 8)}`);
      for (const a of lag) {
        const t = alertPhrase(a);
        parts.push(`alert \`${a.name}\`: ${t}`);
        claims.push(alertClaim(a, `\`${a.name}\``));
      }
      return parts.length ? fact(parts.join('; '), { short: lag.length ? 'lag monitoring' : 'metrics in Prometheus', claims }) : open('nothing scrapes the components that move data', { value: 'lag monitoring', because: 'lag is how a stalled sync shows first' });
    },

    SYNC_OPTIMIZATION: (c) => {
      const parts: string[] = [];
      for (const p of c.plans()) {
        if (!p.publications.some((x) => x.cdc)) continue;
        const parts2 = uniq(p.channels.filter((x) => x.role === 'main' && x.partitions).map((x) => x.partitions!));
        if (parts2.length) parts.push(`${andList(parts2.map(String))} partitions per topic on ${svc(p.broker)}`);
      }
      for (const j of jobs(c)) {
        const w = c.facet(j).schedule;
        if (w) parts.push(`batches of ${count(w.batchSize(j))} records in ${svc(j)}`);
      }
      return parts.length ? fact(parts.join('; ')) : open('no partitioning or batch size bears on the sync', { value: 'partitioning', because: 'parallel consumers per partition' });
    },
  },
};
