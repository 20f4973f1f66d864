import type { Resolver } from '../context';
import { edgeText, filled, nodeName, num, open, plural, str } from '../context';
import { deadLetters, scrapes } from '../facts';
import { andList, code, md } from '../markdown';
import { resilience } from './api';

/** Error Handling, across the whole design. */

export const errors: Record<string, Resolver> = {
  ERROR_CLASSIFICATION: (c) => {
    const r = resilience(c);
    const dl = deadLetters(c);
    if (!r.retries.length && !dl.length) return open('no retries or dead-letters to tell transient from permanent failures', 'set Retries and Dead-letter on the connections');
    return filled(`transient (retried: ${plural(r.retries.length + c.messagingEdges().filter((e) => (num(e.props, 'retries') ?? 0) > 0).length, 'connection')}) vs permanent (parked in ${plural(dl.length, 'dead-letter destination')})`, 'transient/permanent');
  },

  ERROR_PROPAGATION: (c) => {
    const r = resilience(c);
    const parts: string[] = [];
    if (c.syncEdges().length) parts.push('request-reply errors return to the caller');
    if (r.breakers.length) parts.push(`circuit breakers stop cascades on ${plural(r.breakers.length, 'call')}`);
    if (deadLetters(c).length) parts.push('message failures go to dead-letter destinations instead of blocking');
    return parts.length ? filled(parts.join('; ')) : open('no connections to propagate errors over', 'draw the connections');
  },

  INTEGRATION_ERROR_RECOVERY: (c) => {
    const r = resilience(c);
    const parts: string[] = [];
    if (r.retries.length) parts.push(`automatic retry on ${plural(r.retries.length, 'call')}`);
    const dl = deadLetters(c);
    if (dl.length) parts.push(`reprocessing from ${andList(dl.map((d) => md(d.name, 80)), 5)}`);
    if (c.ofKind('flink').length) parts.push('Flink restarts from the last checkpoint');
    return parts.length ? filled(parts.join('; ')) : open('no retries, dead-letters or checkpoints in the design', 'set Retries and Dead-letter on the connections');
  },

  COMPENSATION_ACTIONS: () => open('compensations are business decisions the drawing cannot show', 'list, per multi-step flow, what undoes each step'),

  INTEGRATION_CIRCUIT_BREAKER: (c) => {
    const r = resilience(c);
    const envoy = c.ofKind('envoy');
    const parts = r.breakers.map(edgeText);
    for (const e of envoy) parts.push(`Envoy ${code(e.id)} (max ${num(e.props, 'circuitBreakerMaxRequests')} requests per upstream)`);
    return parts.length ? filled(`opens after 5 consecutive errors on ${andList(parts, 6)}`, 'circuit breakers (5 errors)') : open('no circuit breaker on any call', 'turn on Circuit breaker on the calls to slow or external systems');
  },

  RETRY_STRATEGIES: (c) => {
    const calls = resilience(c).retries;
    const msgs = c.edges.filter((e) => !calls.includes(e) && (num(e.props, 'retries') ?? 0) > 0);
    const parts: string[] = [];
    if (calls.length) parts.push(`exponential backoff on ${andList(calls.map((e) => `${edgeText(e)} ×${num(e.props, 'retries')}`), 6)}`);
    if (msgs.length) parts.push(`redelivery on ${andList(msgs.map((e) => `${edgeText(e)} ×${num(e.props, 'retries')}`), 6)}`);
    return parts.length ? filled(parts.join('; '), 'exponential backoff') : open('no connection retries', 'set Retries on the connections');
  },

  INTEGRATION_DEAD_LETTER_QUEUES: (c) => {
    const dl = deadLetters(c);
    if (dl.length) return filled(andList(dl.map((d) => `${d.what} ${md(d.name, 100)} on ${nodeName(d.broker)}${d.via ? ` for ${code(d.via.to.id)}` : ''}`), 12), andList([...new Set(dl.map((d) => `${d.broker.kind?.name ?? ''} dead-letter ${d.what}s`))]));
    return c.ofCategory('broker').length ? open('no dead-letter topic or queue', 'turn on Dead-letter on the consumer connections') : open('no message broker in the design', 'add a broker with dead-lettering to decide it');
  },

  ERROR_LOGGING: (c) => {
    const logs = c.edgesOf('otlp').filter((e) => str(e.props, 'signals').includes('logs'));
    return logs.length ? filled(`logs sent over OTLP by ${andList([...new Set(logs.map((e) => code(e.from.id)))])}`, 'OTLP logs') : open('no log pipeline in the design', 'send logs over OTLP (signals: traces+metrics+logs) to a collector');
  },

  ALERT_MANAGEMENT: (c) => {
    const s = scrapes(c);
    return s.length ? filled(`Prometheus alert rules in ${andList(s.map((x) => code(x.prometheus.id)))}; routing alerts to people (Alertmanager, pager) is not in the design`, 'Prometheus alert rules') : open('no Prometheus in the design', 'add Prometheus; then choose where alerts are sent (PagerDuty, Slack)');
  },

  ESCALATION_PROCEDURES: (c) => open('escalation is an organisational decision', c.req.stakeholders ? `agree tiers and on-call with ${md(String(c.req.stakeholders), 120)}` : 'agree tiers and on-call with the teams involved'),
};
