import type { Claim, Section } from '../answer';
import { fact, open, unused } from '../answer';
import { plural, svc, svcs, uniq } from '../context';
import { callList, consumerOn, consumers, deadLetterSentences, noDeadLetter, resilient, retriesText } from '../facts';
import { andList, md } from '../markdown';

/** Error Handling, across the whole design: retries, breakers, dead letters, alerts. */

export const errors: Section = {
  title: 'Error Handling',
  fields: {
    ERROR_CLASSIFICATION: (c) => {
      const r = resilient(c);
      const dead = c.deadLetters();
      const retried = r.retries.length + c.plans().flatMap((p) => p.subscriptions.filter((s) => s.retries > 0)).length;
      if (!retried && !dead.length) return open('nothing is retried and nothing is parked, so failures are not told apart', { value: 'transient/permanent', because: 'retry what may pass, park what will not' });
      if (!retried) return fact(`nothing is retried: every failure counts as permanent at once and is parked in ${plural(dead.length, 'dead-letter channel')}`, { short: 'permanent failures parked' });
      return fact(`transient failures are retried (${plural(retried, 'connection')}); what still fails counts as permanent${dead.length ? ` and is parked in ${plural(dead.length, 'dead-letter channel')}` : ' and is returned to the caller'}`, { short: 'transient/permanent' });
    },

    ERROR_PROPAGATION: (c) => {
      const r = resilient(c);
      const parts: string[] = [];
      if (c.flows('call').length) parts.push('a failed call returns its error to the caller');
      if (r.breakers.length) parts.push(`circuit breakers stop a failing dependency from taking its callers down (${plural(r.breakers.length, 'call')})`);
      if (c.deadLetters().length) parts.push('a message that keeps failing goes to a dead-letter channel instead of blocking its queue');
      return parts.length ? fact(parts.join('; '), { short: r.breakers.length ? 'circuit breaker pattern' : c.deadLetters().length ? 'error channels' : undefined }) : open('no connections to carry errors yet');
    },

    INTEGRATION_ERROR_RECOVERY: (c) => {
      const r = resilient(c);
      const parts: string[] = [];
      if (r.retries.length) parts.push(`automatic retry on ${plural(r.retries.length, 'call')}`);
      const dead = c.deadLetters();
      if (dead.length) parts.push(`replay from ${andList(dead.map((d) => md(d.name, 80)), 5)} once the cause is fixed`);
      const procs = c.withRole('stream-processor');
      if (procs.length) parts.push(`${svcs(procs)} restart${procs.length === 1 ? 's' : ''} from the last checkpoint`);
      if (c.flows('cdc').length) parts.push(`${svcs(uniq(c.flows('cdc').map((f) => f.sink)))} resume${uniq(c.flows('cdc').map((f) => f.sink)).length === 1 ? 's' : ''} from stored offsets`);
      return parts.length ? fact(parts.join('; '), { short: andList([r.retries.length ? 'automatic retry' : '', dead.length ? 'dead letter processing' : ''].filter(Boolean)) || undefined }) : open('no retries, dead letters or checkpoints', { value: 'automatic retry', because: 'most integration failures are transient' });
    },

    COMPENSATION_ACTIONS: (c) => open(`what undoes a step is business logic the drawing cannot show${consumers(c).length > 1 ? ` (${svcs(consumers(c), 6)} act on events in turn)` : ''}`, { value: 'compensating events', because: 'services that react to events can also react to their reversal' }),

    INTEGRATION_CIRCUIT_BREAKER: (c) => {
      const r = resilient(c);
      const parts: string[] = [];
      if (r.breakers.length) parts.push(`opens after 5 consecutive errors on ${callList(r.breakers, 6)}`);
      for (const p of c.r.gateways) {
        const shed = c.facet(p.gateway).loadShedding?.(p.gateway);
        if (shed) parts.push(`${svc(p.gateway)} ${shed}`);
      }
      if (parts.length) return fact(parts.join('; '), { short: 'circuit breakers (5 errors)' });
      return c.flows('call', 'query').length ? open('no call has a circuit breaker', { value: 'Resilience4j', because: 'the template’s first choice' }) : unused('no request-reply call to break');
    },

    RETRY_STRATEGIES: (c) => {
      const r = resilient(c);
      const parts: string[] = [];
      if (r.retries.length) parts.push(`calls: exponential backoff, ${andList(r.retries.map((f) => `${callList([f])} ×${f.resilience!.retries}`), 6)}`);
      for (const p of c.plans()) {
        const t = retriesText(p);
        if (t && t !== 'at the first failure') parts.push(`consumers on ${svc(p.broker)}: ${t.replace(/^after /, '')}, then the dead-letter channel`);
      }
      if (parts.length) return fact(parts.join('; '), { short: r.retries.length ? 'exponential backoff' : 'counted' });
      const noRetry = c.plans().filter((p) => p.subscriptions.some((s) => s.deadLetter.length > 0));
      if (noRetry.length && !c.flows('call').length) return fact(`none: consumers on ${svcs(noRetry.map((p) => p.broker))} do not retry; a message that fails goes to its dead-letter channel at once`, { short: '' });
      return open('no connection retries', { value: 'exponential backoff', because: 'spreads retries out while a dependency recovers' });
    },

    INTEGRATION_DEAD_LETTER_QUEUES: (c) => {
      const dl = deadLetterSentences(c);
      const off = noDeadLetter(c);
      const claims: Claim[] = dl.flatMap((d) => d.claims);
      const parts = dl.map((d) => d.text);
      const switched = off.filter((o) => o.why === 'off');
      const ingests = off.filter((o) => o.why === 'ingests');
      if (switched.length) parts.push(`none for ${consumerOn(switched)} (switched off)`);
      const unkept = off.filter((o) => o.why === 'unkept');
      if (unkept.length) parts.push(`none for ${consumerOn(unkept)} (the broker keeps no message to park)`);
      if (ingests.length) parts.push(`none for ${consumerOn(ingests)} (${ingests.length === 1 ? 'it reads' : 'they read'} the broker with ${ingests.length === 1 ? 'its' : 'their'} own ingestion)`);
      if (parts.length) return fact(parts.join('; '), { short: andList(uniq(c.plans().filter((p) => p.channels.some((x) => x.role === 'dead-letter')).map((p) => `${md(p.broker.kind.name)} ${c.facet(p.broker).broker?.deadLetterWord ?? 'dead-letter channel'}s`))) || undefined, claims });
      return c.plans().length ? open('nothing consumes from the brokers yet') : unused('no message broker: a failed call returns its error to the caller');
    },

    ERROR_LOGGING: (c) => {
      const logs = c.r.observability.traces.filter((t) => t.signals.includes('logs'));
      return logs.length ? fact(`logs sent over OTLP by ${svcs(uniq(logs.map((t) => t.sender)))} to ${svcs(uniq(logs.map((t) => t.receiver)))}`, { short: 'OTLP logs' }) : open('no log pipeline is drawn: each container logs to its standard output', { value: 'structured logging', because: 'with correlation IDs, logs join the traces' });
    },

    ALERT_MANAGEMENT: (c) => {
      const a = c.r.observability.alerts;
      return open(a.length ? `Prometheus evaluates ${plural(a.length, 'alert rule')} but nothing routes them to people (no Alertmanager is drawn)` : 'no alert rules: nothing is scraped', { value: 'PagerDuty', because: 'the template’s first choice for on-call paging' });
    },

    ESCALATION_PROCEDURES: (c) => open('escalation is an organisational decision', { value: 'tiered support', because: c.reqText('stakeholders') ? `agree the tiers with ${md(c.reqText('stakeholders'), 120)}` : 'agree the tiers with the teams involved' }),
  },
};
