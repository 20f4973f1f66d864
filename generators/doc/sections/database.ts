import type { Ctx, Resolver } from '../context';
import { component, edgeText, filled, nodeName, num, open, str } from '../context';
import { scrapes } from '../facts';
import { andList, code, md } from '../markdown';

/** Database Integration: connections into databases, pools, replication. */

const dbs = (c: Ctx) => c.ofKind('postgres', 'mysql', 'mongodb', 'redis', 'clickhouse', 'elasticsearch', 'snowflake');
const dbEdges = (c: Ctx) => c.edgesOf('sql', 'mongodb', 'redis');
const none = (what: string) => open('no database in the design', `add a database to decide ${what}`);
const DRIVER: Record<string, string> = { sql: 'SQL driver', mongodb: 'MongoDB driver', redis: 'Redis client' };

export const database: Record<string, Resolver> = {
  DATABASE_CONNECTIVITY: (c) => {
    const e = dbEdges(c);
    if (!e.length) return dbs(c).length ? open('no service connects to the databases', 'draw the SQL/MongoDB/Redis connections') : none('connectivity');
    return filled(`native drivers: ${andList(e.map((x) => `${DRIVER[x.protocol!]} from ${code(x.from.id)} to ${code(x.to.id)}${str(x.props, 'access') && str(x.props, 'access') !== 'read-write' ? ` (${md(str(x.props, 'access'))})` : ''}`), 8)}`, 'native drivers');
  },

  CONNECTION_POOLING: (c) => {
    const e = c.edgesOf('sql', 'mongodb');
    if (!e.length) return dbs(c).length ? open('no SQL or MongoDB connection to pool', 'draw the database connections') : none('pooling');
    const parts = [andList(e.map((x) => `${num(x.props, 'poolSize')} connections ${code(x.from.id)} → ${code(x.to.id)}`), 8)];
    const caps = c.ofKind('postgres', 'mysql').filter((d) => c.into(d.id).length);
    if (caps.length) parts.push(`servers allow ${andList(caps.map((d) => `${num(d.props, 'maxConnections')} on ${code(d.id)}`))}`);
    return filled(`client-side pools: ${parts.join('; ')}`, 'client-side connection pools');
  },

  TRANSACTION_MANAGEMENT: (c) => {
    const writers = new Map<string, Set<string>>();
    for (const e of c.edgesOf('sql', 'mongodb')) if (str(e.props, 'access') !== 'read') {
      const w = writers.get(e.to.id);
      if (w) w.add(e.from.id);
      else writers.set(e.to.id, new Set([e.from.id]));
    }
    if (!writers.size) return dbs(c).length ? open('nothing writes to the databases', 'draw the writing connections') : none('transactions');
    const shared = [...writers].filter(([, w]) => w.size > 1);
    const async = c.messagingEdges().length > 0;
    const base = shared.length ? `shared databases ${andList(shared.map(([d, w]) => `${code(d)} (written by ${andList([...w].map(code))})`))}: transactions span services` : 'local transactions: each database is written by one service';
    return filled(`${base}${async ? '; across services, eventual consistency through messages' : ''}`, shared.length ? 'shared-database transactions' : 'local transactions');
  },

  DATA_REPLICATION: (c) => {
    const parts = c.ofKind('postgres').filter((p) => str(p.props, 'replication') !== 'none').map((p) => `${md(str(p.props, 'replication'))} replication on ${code(p.id)}`);
    for (const e of c.edgesOf('cdc')) parts.push(`CDC from ${code(e.from.id)} through ${code(e.to.id)}`);
    return parts.length ? filled(andList(parts)) : dbs(c).length ? open('no replication or CDC on the databases', 'set Replication on PostgreSQL or draw a CDC connection') : none('replication');
  },

  CHANGE_TRACKING: (c) => {
    const e = c.edgesOf('cdc');
    return e.length ? filled(andList(e.map((x) => `${component(x.to)} on ${nodeName(x.from)}`)), 'Debezium CDC') : dbs(c).length ? open('no change capture on the databases', 'draw a CDC connection to Debezium, or decide on timestamp columns') : none('change tracking');
  },

  STORED_PROCEDURES: (c) => (dbs(c).length ? open('the design says nothing about logic in the database', 'decide whether business logic stays in the services (usual) or in procedures') : none('stored procedures')),

  QUERY_OPTIMIZATION: (c) => (dbs(c).length ? open('queries are not part of the design', 'review indexes and query plans once the schemas exist') : none('query optimization')),

  DB_ERROR_HANDLING: (c) => {
    const r = c.edgesOf('sql').filter((e) => (num(e.props, 'retries') ?? 0) > 0 || (num(e.props, 'timeoutMs') ?? 0) > 0);
    return r.length ? filled(andList(r.map((e) => `${edgeText(e)}: ${[(num(e.props, 'timeoutMs') ?? 0) > 0 ? `timeout ${num(e.props, 'timeoutMs')} ms` : '', (num(e.props, 'retries') ?? 0) > 0 ? `${num(e.props, 'retries')} retries` : ''].filter(Boolean).join(', ')}`), 6), 'timeouts and retries') : dbs(c).length ? open('no timeout or retry on the database connections', 'set Timeout and Retries on the SQL connections') : none('error handling');
  },

  DB_PERFORMANCE_MONITORING: (c) => {
    const d = dbs(c);
    if (!d.length) return none('monitoring');
    const watched = scrapes(c).flatMap((s) => s.targets).filter((t) => d.includes(t));
    return watched.length ? filled(`exporter metrics scraped by Prometheus for ${andList(watched.map((n) => code(n.id)))}`, 'exporter metrics in Prometheus') : open('no Prometheus scrapes the databases', 'connect the databases to a Prometheus node (the stack adds exporters)');
  },

  DB_SECURITY: (c) => {
    const d = dbs(c).filter((n) => !n.kind?.external);
    if (!d.length) return none('database security');
    const vault = c.ofKind('vault');
    return filled(`passwords as variables in .env (never written inline)${vault.length ? `; secrets kept in ${andList(vault.map((v) => code(v.id)))}` : ''}; databases reachable only inside the stack’s network and on their published ports`, 'credentials in .env');
  },
};

