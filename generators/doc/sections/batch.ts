import type { Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { count, svc, svcs, uniq } from '../context';
import { scrapers } from '../facts';
import { andList, md } from '../markdown';

/** Batch Integration: the scheduled jobs. */

const jobs = (c: Ctx) => c.withRole('scheduled').filter((j) => c.facet(j).schedule);

export const batch: Section = {
  title: 'Batch Integration',
  unused: (c) => (jobs(c).length === 0 ? 'no batch job' : undefined),
  fields: {
    BATCH_FRAMEWORK: (c) => fact(`scheduled container jobs: ${svcs(jobs(c))}`, { short: 'scheduled container jobs' }),

    JOB_SCHEDULING: (c) => fact(`cron: ${andList(jobs(c).map((j) => `${svc(j)} at ${md(c.facet(j).schedule!.cron(j), 40)}`))}`, { short: 'cron' }),

    BATCH_SIZE_OPTIMIZATION: (c) => fact(andList(jobs(c).map((j) => `${count(c.facet(j).schedule!.batchSize(j))} records per batch in ${svc(j)}`)), { short: `${count(c.facet(jobs(c)[0]!).schedule!.batchSize(jobs(c)[0]!))} records per batch` }),

    PARALLEL_PROCESSING: (c) => fact(andList(jobs(c).map((j) => {
      const n = typeof j.props.replicas === 'number' ? j.props.replicas : 1;
      return `${n} ${n === 1 ? 'instance' : 'parallel instances'} of ${svc(j)}`;
    }))),

    BATCH_ERROR_HANDLING: (c) => fact(andList(jobs(c).map((j) => `${svc(j)} ${c.facet(j).schedule!.onError(j)}`))),

    RECOVERY_MECHANISMS: (c) => fact(andList(jobs(c).map((j) => `${svc(j)} runs again on its next schedule`)), { short: 'rerun on schedule' }),

    JOB_DEPENDENCIES: (c) => fact(andList(jobs(c).map((j) => {
      // A query set to read-only (or drawn from the store, which reads it) reads; write-only writes; else as drawn.
      type F = (typeof j.at)[number];
      const access = (f: F) => (f.kind === 'query' && f.client === j && typeof f.props.access === 'string' ? f.props.access : 'as-drawn');
      const other = (f: F) => f.kind !== 'scrape' && f.kind !== 'telemetry';
      const peer = (f: F) => (f.source === j ? f.sink : f.source);
      const reads = (f: F) => (access(f) === 'read' ? true : access(f) === 'write' ? false : f.sink === j && f.source !== j);
      const writes = (f: F) => (access(f) === 'write' ? true : access(f) === 'read' ? false : f.source === j && f.sink !== j);
      const from = uniq(j.at.filter((f) => other(f) && reads(f)).map(peer));
      const to = uniq(j.at.filter((f) => other(f) && writes(f)).map(peer));
      return `${svc(j)} reads ${from.length ? svcs(from) : 'nothing drawn'} and writes ${to.length ? svcs(to) : 'nothing drawn'}`;
    })), { short: 'data dependencies as drawn' }),

    RESOURCE_MANAGEMENT: () => open('the design sets no CPU or memory for the jobs', { value: 'resource pools', because: 'size them after a first run on real volumes' }),

    BATCH_MONITORING: (c) => {
      const watched = scrapers(c).flatMap((s) => s.targets).filter((t) => jobs(c).includes(t));
      return watched.length ? fact(`job metrics scraped for ${svcs(watched)}`, { short: 'job metrics' }) : open('nothing scrapes the jobs', { value: 'failure alerting', because: 'a failed nightly run should page someone' });
    },

    BATCH_TUNING: () => open('tuning needs measured run times, which a drawing does not have', { value: 'partition optimization', because: 'start there once run times are known' }),
  },
};
