import type { Component, Flow } from '../../../shared/resolve';
import { readsAsReader } from '../../../shared/resolve';
import type { Claim, Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { count, ms, name, protocolName, svc, svcs, uniq } from '../context';
import { andList, code, literal, md } from '../markdown';

/** Database Integration: who connects to which store, with what, and how it is protected. */

const stores = (c: Ctx) => c.withRole('database', 'cache', 'search', 'warehouse');
const queries = (c: Ctx) => c.flows('query').filter((f) => f.client && f.server && f.client !== f.server);

/** That clients must give a server credentials from `.env` (its catalog has secrets). */
export function credentialClaim(s: Component, text: string): Claim {
  return { type: 'client-auth', text, service: s.service, required: Object.values(s.credentials).some((x) => x.secret) };
}

/**
 * A connection's access as drawn, and who enforces it. A reader of a database the stack runs
 * logs in as its read-only user, so the database refuses its writes (`readsAsReader`); a
 * write-only client logs in as the application user, so only the client keeps to it; an external
 * database grants what its owners set.
 */
function access(f: Flow): string {
  const a = typeof f.props.access === 'string' ? f.props.access : 'read-write';
  if (a === 'read-write') return '';
  if (readsAsReader(f)) return ` (read only: it logs in as the read-only user, which may only read)`;
  return f.server?.containerised ? ` (${a} only, by the client: it logs in as the application user)` : ` (${a} only)`;
}

export const database: Section = {
  title: 'Database Integration',
  unused: (c) => (stores(c).length === 0 ? 'no database' : undefined),
  fields: {
    DATABASE_CONNECTIVITY: (c) => {
      const q = queries(c);
      if (!q.length) return open(`nothing connects to ${svcs(stores(c))} yet`);
      return fact(`native ${andList(uniq(q.map((f) => protocolName(f.protocol!))))} clients: ${andList(q.map((f) => `${svc(f.client!)} → ${literal(`${f.server!.service}:${f.server!.listenPort}`)}${access(f)}`), 8)}`, { short: 'native drivers' });
    },

    CONNECTION_POOLING: (c) => {
      const q = queries(c).filter((f) => typeof f.props.poolSize === 'number');
      if (!q.length) return open('no pool size is set on the database connections', { value: 'HikariCP', because: 'the template’s first choice' });
      const caps = uniq(q.map((f) => f.server!)).map((s) => [s, c.facet(s).maxConnections?.(s)] as const).filter((x) => x[1]);
      return fact(`client-side pools: ${andList(q.map((f) => `${String(f.props.poolSize)} connections ${svc(f.client!)} → ${svc(f.server!)}`), 8)}${caps.length ? `; the servers accept ${andList(caps.map(([s, n]) => `${count(n!)} on ${svc(s)}`))}` : ''}`, { short: 'client-side connection pools' });
    },

    TRANSACTION_MANAGEMENT: (c) => {
      const writers = new Map<Component, Set<Component>>();
      for (const f of queries(c)) {
        if (f.props.access === 'read') continue;
        const set = writers.get(f.server!);
        if (set) set.add(f.client!);
        else writers.set(f.server!, new Set([f.client!]));
      }
      if (!writers.size) return open('nothing writes to the stores yet');
      const shared = [...writers].filter(([, w]) => w.size > 1);
      const base = shared.length ? `${andList(shared.map(([d, w]) => `${svc(d)} is written by ${svcs([...w])}`))}: their transactions meet in one database` : 'local transactions: each database is written by one service';
      return fact(`${base}${c.flows('message').length ? '; across services, consistency is eventual through messages' : ''}`, { short: shared.length ? 'shared-database transactions' : 'local transactions' });
    },

    DATA_REPLICATION: (c) => {
      const parts: string[] = [];
      for (const d of stores(c)) {
        const r = c.facet(d).replication?.(d);
        if (r) parts.push(`${r} on ${svc(d)}`);
      }
      for (const f of c.flows('cdc')) parts.push(`change data capture from ${svc(f.source)} by ${svc(f.sink)}`);
      const single = stores(c).filter((s) => s.containerised);
      return parts.length ? fact(andList(parts)) : fact(single.length ? `none: ${svcs(single, 6)} ${single.length === 1 ? 'runs as a single instance' : 'run as single instances'} in the stack` : 'none: every store is external', { short: '' });
    },

    CHANGE_TRACKING: (c) => {
      const f = c.flows('cdc');
      if (f.length) return fact(andList(f.map((x) => `${name(x.sink)} reads ${c.facet(x.source).changeLog ?? 'the change log'} of ${svc(x.source)}`)), { short: andList(uniq(f.map((x) => md(x.sink.kind.name)))) });
      const dual = queries(c).filter((q) => q.props.access !== 'read' && q.server!.roles.includes('database') && q.client!.out.some((o) => o.kind === 'message' && o.client === q.client));
      if (dual.length) return fact(`none: ${andList(uniq(dual.map((q) => `${svc(q.client!)} writes ${svc(q.server!)} and publishes its events itself`)))}, two writes that can disagree if one fails (a transactional outbox read by CDC makes them one)`, { short: '' });
      return fact('none: no change leaves the databases except through the services that own them', { short: '' });
    },

    STORED_PROCEDURES: () => open('the drawing says nothing about logic in the database', { value: 'data transformation SPs', because: 'keep business logic in the services, procedures for set-based data work' }),

    QUERY_OPTIMIZATION: () => open('queries are not part of the drawing', { value: 'index optimization', because: 'review indexes once the schemas exist' }),

    DB_ERROR_HANDLING: (c) => {
      const q = queries(c).filter((f) => (f.resilience?.timeoutMs ?? 0) > 0 || (f.resilience?.retries ?? 0) > 0);
      if (!q.length) return open('no timeout or retry is set on the database connections', { value: 'connection retry', because: 'survives a database restart' });
      return fact(andList(q.map((f) => `${svc(f.client!)} → ${svc(f.server!)}: ${[f.resilience!.timeoutMs > 0 ? `timeout ${ms(f.resilience!.timeoutMs)}${f.resilience!.timeoutFrom === 'latency-budget' ? ' (the latency budget)' : ''}` : '', f.resilience!.retries > 0 ? `${f.resilience!.retries} retries` : ''].filter(Boolean).join(', ')}`), 6), { short: 'timeouts and retries' });
    },

    DB_PERFORMANCE_MONITORING: (c) => {
      const s = new Set(stores(c));
      const watched = c.r.observability.scrapes.filter((x) => s.has(x.target));
      return watched.length ? fact(andList(watched.map((x) => `${svc(x.target)} through ${x.via === 'exporter' ? code(x.service) : 'its own endpoint'} (${andList(x.families.slice(0, 3).map(code))})`)), { short: 'exporter metrics in Prometheus', claims: watched.map((x) => ({ type: 'scrape', text: code(x.service), scraper: x.scraper.service, job: x.job, address: `${x.service}:${x.port}` })) }) : open('nothing scrapes the databases', { value: 'query performance', because: 'connect them to Prometheus: the stack adds an exporter' });
    },

    DB_SECURITY: (c) => {
      const run = stores(c).filter((s) => s.containerised);
      if (!run.length) return open('every store is external');
      const claims: Claim[] = [];
      const parts: string[] = [];
      const withCreds = run.filter((s) => Object.values(s.credentials).some((x) => x.secret));
      if (withCreds.length) {
        const t = `passwords from .env, never written inline, on ${svcs(withCreds, 8)}`;
        parts.push(t);
        for (const s of withCreds) claims.push(credentialClaim(s, t));
      }
      const open_ = run.filter((s) => !Object.values(s.credentials).some((x) => x.secret));
      if (open_.length) parts.push(`no password on ${svcs(open_)}`);
      const closed = run.filter((s) => s.networks.length > 0 && s.networks.every((n) => c.r.networks.find((x) => x.name === n)?.internal));
      if (closed.length) parts.push(`${svcs(closed)} only on networks with no route out of the stack`);
      const published = run.filter((s) => s.ports.some((p) => p.host !== null));
      parts.push(published.length ? `published on the host: ${andList(published.map((s) => `${svc(s)} on ${andList(s.ports.filter((p) => p.host !== null).map((p) => `${p.hostIp}:${p.host}`))}`))}` : 'none is published on the host');
      return fact(parts.join('; '), { short: 'credentials in .env', claims });
    },
  },
};
