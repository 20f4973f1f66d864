import type { Ctx, Resolver } from '../context';
import { component, edgeText, filled, names, nodeName, num, open, str } from '../context';
import { deadLetters, scrapes } from '../facts';
import { andList, code, md } from '../markdown';

/** Data Synchronization: CDC, replication, scheduled copies between stores. */

const cdc = (c: Ctx) => c.edgesOf('cdc');
const batchJobs = (c: Ctx) => c.ofKind('batch-job');
const fileEdges = (c: Ctx) => c.edgesOf('sftp', 's3');
const hasSync = (c: Ctx) => cdc(c).length > 0 || batchJobs(c).length > 0 || fileEdges(c).length > 0;
const noSync = (what: string) => open('nothing copies data between stores (no CDC, batch job or file transfer)', `add Debezium with a CDC connection, or a Batch job, to decide ${what}`);
const LOG: Record<string, string> = { postgres: 'PostgreSQL logical replication (pgoutput)', mysql: 'MySQL row binlog', mongodb: 'MongoDB change streams' };

export const sync: Record<string, Resolver> = {
  SYNCHRONIZATION_STRATEGY: (c) => {
    const parts: string[] = [];
    if (cdc(c).length) parts.push(`real-time CDC from ${andList(cdc(c).map((e) => nodeName(e.from)))}`);
    if (batchJobs(c).length) parts.push(`scheduled batch sync by ${names(batchJobs(c))}`);
    if (fileEdges(c).length) parts.push(`file transfer over ${andList([...new Set(fileEdges(c).map((e) => (e.protocol === 's3' ? 'S3' : 'SFTP')))])}`);
    return parts.length ? filled(parts.join('; '), cdc(c).length ? 'real-time CDC' : 'batch sync') : noSync('the strategy');
  },

  DATA_CONSISTENCY_MODEL: (c) => {
    const stores = c.ofCategory('store');
    if (!stores.length) return open('no data store in the design', 'add the databases to decide it');
    if (hasSync(c) || c.messagingEdges().length) return filled(`eventual consistency between systems (data moves through ${andList([cdc(c).length ? 'CDC' : '', c.messagingEdges().length ? 'messages' : '', batchJobs(c).length ? 'batch jobs' : ''].filter(Boolean))}); strong consistency within each database`, 'eventual consistency');
    return filled('strong consistency: each database is read and written directly, nothing is copied', 'strong consistency');
  },

  CONFLICT_RESOLUTION: (c) => {
    if (!hasSync(c)) return noSync('conflict resolution');
    const writers = new Map<string, Set<string>>();
    for (const e of c.edgesOf('sql', 'mongodb')) if (str(e.props, 'access') !== 'read') {
      const w = writers.get(e.to.id);
      if (w) w.add(e.from.id);
      else writers.set(e.to.id, new Set([e.from.id]));
    }
    const shared = [...writers].filter(([, w]) => w.size > 1);
    if (shared.length) return open(`${andList(shared.map(([s, w]) => `${code(s)} is written by ${andList([...w].map(code))}`))}, and the design does not say who wins`, 'choose a rule (last-writer-wins, version vectors) or give each store one writer');
    return filled('none needed: data flows one way and each store has a single writer', 'single writer per store');
  },

  CHANGE_DATA_CAPTURE: (c) => {
    const e = cdc(c);
    if (!e.length) return open('no CDC connection in the design', 'add Debezium and draw a CDC connection from a database to it');
    return filled(andList(e.map((x) => `${component(x.to)} capturing ${nodeName(x.from)}${str(x.props, 'tables') ? ` (tables ${md(str(x.props, 'tables'), 200)})` : ''}, snapshot mode ${md(str(x.to.props, 'snapshotMode') || 'initial')}`)), names([...new Set(e.map((x) => x.to))], 2));
  },

  REPLICATION_METHOD: (c) => {
    const parts = cdc(c).map((e) => `log-based CDC: ${LOG[e.from.node.kind] ?? 'change log'} of ${code(e.from.id)}`);
    for (const p of c.ofKind('postgres')) if (['streaming', 'logical'].includes(str(p.props, 'replication'))) parts.push(`${md(str(p.props, 'replication'))} replication on ${code(p.id)}`);
    return parts.length ? filled(andList([...new Set(parts)]), cdc(c).length ? 'log-based CDC' : undefined) : open('no CDC and no replication on the databases', 'draw a CDC connection or set Replication on PostgreSQL');
  },

  SYNC_FREQUENCY: (c) => {
    const parts: string[] = [];
    if (cdc(c).length) parts.push('continuous (CDC streams each change)');
    for (const j of batchJobs(c)) parts.push(`${code(j.id)} on cron ${md(str(j.props, 'schedule'))}`);
    for (const e of c.edgesOf('sftp')) parts.push(`${edgeText(e)} on cron ${md(str(e.props, 'schedule'))}`);
    return parts.length ? filled(parts.join('; '), cdc(c).length ? 'real-time' : 'scheduled') : noSync('the frequency');
  },

  DATA_VALIDATION: (c) => {
    const parts: string[] = [];
    for (const s of c.ofKind('schema-registry')) parts.push(`schema checks by ${nodeName(s)} (${md(str(s.props, 'compatibility'))})`);
    for (const j of batchJobs(c)) parts.push(`bad records: ${md(str(j.props, 'onError'))} in ${code(j.id)}`);
    return parts.length ? filled(parts.join('; ')) : hasSync(c) ? open('no schema registry and no batch job rules for bad records', 'add a Schema Registry or set On bad records on the batch jobs') : noSync('validation');
  },

  ERROR_RECOVERY: (c) => {
    if (!hasSync(c) && !c.messagingEdges().length) return noSync('recovery');
    const parts: string[] = [];
    if (cdc(c).length) parts.push('Debezium resumes from its stored offsets after a restart');
    const dl = deadLetters(c);
    if (dl.length) parts.push(`failed records parked in ${andList(dl.map((d) => md(d.name, 80)), 5)}`);
    for (const j of batchJobs(c)) parts.push(`${code(j.id)} reruns on its next schedule`);
    return parts.length ? filled(parts.join('; ')) : open('no dead-lettering or retries on the data flows', 'turn on Dead-letter and Retries on the consumer connections');
  },

  SYNC_MONITORING: (c) => {
    if (!hasSync(c)) return noSync('monitoring');
    const s = scrapes(c).filter((x) => x.targets.length);
    if (!s.length) return open('nothing scrapes the sync components', 'add Prometheus and connect the connectors and jobs to it');
    const kafkaAlerts = c.ofKind('kafka').length ? `; consumer-lag alert above ${num(s[0]!.prometheus.props, 'consumerLagMax')} records` : '';
    return filled(`${nodeName(s[0]!.prometheus)} scrapes ${names(s.flatMap((x) => x.targets), 8)}${kafkaAlerts}`, 'lag monitoring');
  },

  SYNC_OPTIMIZATION: (c) => {
    if (!hasSync(c)) return noSync('optimization');
    const parts: string[] = [];
    const hasCdc = cdc(c).length > 0;
    for (const k of c.ofKind('kafka')) if (hasCdc) parts.push(`${num(k.props, 'defaultPartitions')} partitions per topic on ${code(k.id)}`);
    for (const j of batchJobs(c)) parts.push(`batches of ${(num(j.props, 'batchSize') ?? 0).toLocaleString('en-US')} records in ${code(j.id)}`);
    return parts.length ? filled(parts.join('; ')) : open('no partitioning or batch sizes bear on the sync', 'set partitions on the topics or batch sizes on the jobs');
  },
};

