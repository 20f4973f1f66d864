import type { BrokerPlan } from '../../../shared/resolve';

/**
 * A queue's backout threshold (BOTHRESH): how many times a message is delivered before the JMS
 * client moves it to the backout queue. IBM MQ counts backouts: with BOTHRESH n a message is
 * delivered n times (backed out n times), so a consumer that retries r times needs r + 1. The
 * readers of the queue (the resolved subscriptions: the connection's retries, else the queue
 * manager's setting) decide; the most patient one wins.
 */
export function backoutThreshold(plans: readonly BrokerPlan[], queue: string): number {
  const retries = plans.filter((p) => p.protocol === 'jms').flatMap((p) => p.subscriptions).filter((s) => s.channels.includes(queue)).map((s) => s.retries);
  return (retries.length ? Math.max(...retries) : 2) + 1;
}

/** The thresholds of a broker's queues, for the document ("delivered 3 times"). */
export function backoutThresholds(plan: BrokerPlan): number[] {
  const queues = plan.channels.filter((q) => q.kind === 'queue' && q.role !== 'dead-letter').map((q) => q.name);
  return [...new Set(queues.map((q) => backoutThreshold([plan], q)))].sort((a, b) => a - b);
}
