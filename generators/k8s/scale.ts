import type { KindId } from '../../shared/catalog';
import type { Component, ResolvedDesign } from '../../shared/resolve';
import { num } from '../../shared/resolve/props';
import { KIND_MODULES } from '../kinds';

/**
 * How the `prod` overlay scales each component, from the design's requirements (availability,
 * throughput) and the components' own settings: a pure function of the resolved model, so the
 * document's Scalability section can say what was chosen and why (call `scalePlan(resolved)`).
 */

/** Requests per second one replica of a service you build is assumed to handle, to size autoscaling. */
export const TPS_PER_REPLICA = 500;
/** CPU use the autoscaler keeps each replica at. */
export const HPA_CPU_PERCENT = 70;
/** Most replicas an autoscaler may add. */
export const HPA_MAX_REPLICAS = 20;

export interface ScaleItem {
  readonly component: Component;
  /**
   * `deployment`: a stateless workload (replicas, autoscaler, disruption budget); `cluster`: an
   * operator-managed cluster (brokers, database instances); `single`: one pod (a starter
   * configuration that does not cluster).
   */
  readonly how: 'deployment' | 'cluster' | 'single';
  /** Replicas in `dev` (always 1) and in `prod`. */
  readonly replicas: number;
  readonly autoscale?: { readonly min: number; readonly max: number; readonly cpuPercent: number };
  /** A PodDisruptionBudget keeping this many pods up during voluntary disruptions (node drains, upgrades). */
  readonly minAvailable?: number;
  /** Why, in a sentence. */
  readonly reason: string;
}

export interface ScalePlan {
  /** The availability asked for, as a percentage (e.g. 99.9), when the design says one. */
  readonly availability: number | undefined;
  readonly throughputTps: number | undefined;
  readonly items: readonly ScaleItem[];
  /** Replicas of every Kafka topic's partitions in `prod` (min.insync.replicas is one less). */
  readonly topicReplicas: number;
}

/** `"99.95%"`, `99.9`, `"three nines"` is not understood: a number between 0 and 100, or undefined. */
export function availabilityOf(v: unknown): number | undefined {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
  const m = /(\d{1,3}(?:\.\d+)?)\s*%?/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n > 0 && n <= 100 ? n : undefined;
}

/** Pods needed to survive the loss of one (and for 99.99% two) during an upgrade or a node failure. */
function haReplicas(availability: number | undefined): number {
  if (availability === undefined) return 1;
  if (availability >= 99.99) return 3;
  if (availability >= 99.9) return 2;
  return 1;
}

export function scalePlan(resolved: ResolvedDesign): ScalePlan {
  const req = resolved.doc.requirements && typeof resolved.doc.requirements === 'object' ? resolved.doc.requirements : {};
  const availability = availabilityOf(req.availability);
  const tpsRaw = typeof req.throughputTps === 'number' && Number.isFinite(req.throughputTps) && req.throughputTps > 0 ? req.throughputTps : undefined;
  const ha = haReplicas(availability);
  const asked = availability !== undefined ? `availability ${availability}%` : 'no availability set';
  const items: ScaleItem[] = [];
  // Clustered brokers and databases: three members tolerate one loss with a majority (Kafka KRaft, RabbitMQ quorum queues); PostgreSQL needs a standby.
  const clusterSize = ha >= 2 ? 3 : 1;
  for (const c of resolved.components) {
    if (!c.containerised) continue;
    const own = Math.max(1, num(c.props, 'replicas') || 1);
    if (c.roles.includes('built') && !c.roles.includes('device')) {
      const replicas = Math.max(own, ha);
      const reasons = [own > 1 ? `${own} replicas set on the component` : '', ha > 1 ? `${asked} needs ${ha} to survive losing one` : ''].filter(Boolean);
      const wantsScale = tpsRaw !== undefined && c.roles.some((r) => r === 'api' || r === 'frontend') ? Math.ceil(tpsRaw / TPS_PER_REPLICA) : 0;
      const consumes = c.in.some((f) => f.kind === 'message' && f.client === c) || c.out.some((f) => f.kind === 'message' && f.client === c && f.sink === c);
      const autoscale =
        tpsRaw !== undefined && (wantsScale > replicas || (consumes && tpsRaw >= TPS_PER_REPLICA))
          ? { min: replicas, max: Math.min(HPA_MAX_REPLICAS, Math.max(replicas + 1, wantsScale, replicas * 2)), cpuPercent: HPA_CPU_PERCENT }
          : undefined;
      if (autoscale) reasons.push(`${tpsRaw} TPS at about ${TPS_PER_REPLICA} per replica: autoscaled up to ${autoscale.max} at ${HPA_CPU_PERCENT}% CPU`);
      items.push({
        component: c,
        how: 'deployment',
        replicas,
        ...(autoscale ? { autoscale } : {}),
        ...(replicas > 1 ? { minAvailable: replicas - 1 } : {}),
        reason: reasons.length > 0 ? `${reasons.join('; ')}.` : `one replica: ${asked}${tpsRaw !== undefined ? `, ${tpsRaw} TPS within one replica` : ''}.`,
      });
    } else if (KIND_MODULES[c.kind.id as KindId].k8s.clustered) {
      items.push({
        component: c,
        how: 'cluster',
        replicas: clusterSize,
        ...(clusterSize > 1 ? { minAvailable: clusterSize - 1 } : {}),
        reason: clusterSize > 1 ? `${asked}: ${clusterSize} members, so that one can be lost without losing data or a majority.` : `one member: ${asked}.`,
      });
    } else {
      items.push({ component: c, how: 'single', replicas: 1, reason: 'one pod: its starter configuration does not cluster.' });
    }
  }
  return { availability, throughputTps: tpsRaw, items, topicReplicas: clusterSize };
}
