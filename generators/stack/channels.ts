import { natsCovers } from '../../shared/resolve';
import type { BrokerPlan, Publication, Subscription } from '../../shared/resolve';

/**
 * Who reads what is written, per broker: a subscription reads a publication when it reads its
 * topic (Kafka, JMS), its queue is bound to the publication's exchange (RabbitMQ), or its filter
 * covers the subject or topic (NATS, MQTT wildcards). The stack's README names what is written
 * and read by nobody, and what is read but written by nobody: the drawing may mean it, but it is
 * where a message stops.
 */

/** An MQTT filter `f` matches topic (or filter) `t`. */
export function mqttCovers(f: string, t: string): boolean {
  const a = f.split('/');
  const b = t.split('/');
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '#') return true;
    if (i >= b.length) return false;
    if (a[i] === '+') {
      if (b[i] === '#') return false;
      continue;
    }
    if (a[i] !== b[i]) return false;
  }
  return a.length === b.length;
}

/** Whether subscription `s` reads what publication `p` writes. */
export function reads(plan: BrokerPlan, s: Subscription, p: Publication): boolean {
  switch (plan.protocol) {
    case 'amqp':
      return (s.boundTo ?? []).includes(p.channel);
    case 'mqtt':
      return s.channels.some((f) => mqttCovers(f, p.channel) || mqttCovers(p.channel, f));
    case 'nats':
      return s.channels.some((f) => natsCovers(f, p.channel) || natsCovers(p.channel, f));
    default:
      return s.channels.includes(p.channel);
  }
}

/** Sentences for the README: channels written and read by nobody, and reads nothing writes. */
export function channelNotes(plans: readonly BrokerPlan[]): string[] {
  const out: string[] = [];
  for (const plan of plans) {
    const b = plan.broker.service;
    const unread = [...new Set(plan.publications.filter((p) => !plan.subscriptions.some((s) => reads(plan, s, p))).map((p) => p.channel))];
    if (unread.length > 0) out.push(`Nothing reads ${unread.map((c) => `\`${c}\``).join(', ')} from \`${b}\`: ${unread.length === 1 ? 'it is' : 'they are'} written, and kept until ${unread.length === 1 ? 'its' : 'their'} retention ends. Draw a consumer if one is meant to read ${unread.length === 1 ? 'it' : 'them'}.`);
    for (const s of plan.subscriptions) {
      if (plan.publications.some((p) => reads(plan, s, p))) continue;
      out.push(`\`${s.client.service}\` reads ${s.channels.length > 0 ? s.channels.map((c) => `\`${c}\``).join(', ') : 'nothing'} from \`${b}\`, which nothing in the design writes: draw its producer, or it waits for messages written from outside the stack.`);
    }
  }
  return out;
}
