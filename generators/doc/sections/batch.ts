import type { Ctx, Resolver } from '../context';
import { filled, num, open, str } from '../context';
import { scrapes } from '../facts';
import { andList, code, md } from '../markdown';

/** Batch Integration: everything here comes from the Batch job nodes. */

const jobs = (c: Ctx) => c.ofKind('batch-job');
const none = (what: string) => open('no batch job in the design', `add a Batch job node to decide ${what}`);
const ON_ERROR: Record<string, string> = { quarantine: 'quarantine bad records and go on', 'skip-and-log': 'skip and log bad records', 'fail-fast': 'stop the run at the first bad record' };

export const batch: Record<string, Resolver> = {
  BATCH_FRAMEWORK: (c) => {
    const j = jobs(c);
    if (!j.length) return none('the batch framework');
    return filled(`scheduled container jobs: ${andList(j.map((n) => `${code(n.id)}${str(n.props, 'language') !== 'unspecified' ? ` (${md(str(n.props, 'language'))})` : ''}`))}`, 'scheduled container jobs');
  },

  JOB_SCHEDULING: (c) => {
    const j = jobs(c);
    return j.length ? filled(`cron: ${andList(j.map((n) => `${code(n.id)} at ${md(str(n.props, 'schedule'))}`))}`, 'cron') : none('the scheduler');
  },

  BATCH_SIZE_OPTIMIZATION: (c) => {
    const j = jobs(c);
    return j.length ? filled(andList(j.map((n) => `${(num(n.props, 'batchSize') ?? 0).toLocaleString('en-US')} records per batch in ${code(n.id)}`)), `${(num(j[0]!.props, 'batchSize') ?? 0).toLocaleString('en-US')} records per batch`) : none('batch sizes');
  },

  PARALLEL_PROCESSING: (c) => {
    const j = jobs(c);
    return j.length ? filled(andList(j.map((n) => `${num(n.props, 'replicas')} ${num(n.props, 'replicas') === 1 ? 'instance' : 'parallel instances'} of ${code(n.id)}`))) : none('parallelism');
  },

  BATCH_ERROR_HANDLING: (c) => {
    const j = jobs(c);
    return j.length ? filled(andList(j.map((n) => `${ON_ERROR[str(n.props, 'onError')] ?? md(str(n.props, 'onError'))} (${code(n.id)})`)), andList([...new Set(j.map((n) => md(str(n.props, 'onError'))))])) : none('error handling');
  },

  RECOVERY_MECHANISMS: (c) => {
    const j = jobs(c);
    if (!j.length) return none('recovery');
    return filled(andList(j.map((n) => `${code(n.id)} reruns on its next schedule${str(n.props, 'onError') === 'quarantine' ? '; quarantined records are replayed by hand' : ''}`)), 'rerun on schedule');
  },

  JOB_DEPENDENCIES: (c) => {
    const j = jobs(c);
    if (!j.length) return none('job dependencies');
    return filled(andList(j.map((n) => {
      const from = c.into(n.id).map((e) => code(e.from.id));
      const to = c.outOf(n.id).map((e) => code(e.to.id));
      return `${code(n.id)} reads ${from.length ? andList(from) : 'nothing drawn'} and writes ${to.length ? andList(to) : 'nothing drawn'}`;
    })), 'data dependencies as drawn');
  },

  RESOURCE_MANAGEMENT: (c) => (jobs(c).length ? open('the design sets no CPU or memory limits for the jobs', 'size the jobs after a first run and set limits in the stack') : none('resource management')),

  BATCH_MONITORING: (c) => {
    const j = jobs(c);
    if (!j.length) return none('batch monitoring');
    const watched = scrapes(c).flatMap((s) => s.targets).filter((t) => j.includes(t));
    return watched.length ? filled(`job metrics scraped by Prometheus for ${andList(watched.map((n) => code(n.id)))}`, 'job metrics') : open('no Prometheus scrapes the batch jobs', 'connect the jobs to a Prometheus node');
  },

  BATCH_TUNING: (c) => (jobs(c).length ? open('tuning needs measured run times, which a design does not have', 'run the jobs on real volumes, then adjust batch size and replicas') : none('tuning')),
};

