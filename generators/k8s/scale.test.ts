import { describe, expect, it } from 'vitest';
import { emptyTopology } from '../../shared/model/types';
import type { Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import { availabilityOf, scalePlan } from './scale';

function design(requirements: Topology['requirements'], nodes: Array<[string, string, Record<string, unknown>?]>, edges: Array<[string, string, string]> = []): Topology {
  const doc = emptyTopology('Scale');
  doc.requirements = requirements;
  doc.nodes = nodes.map(([id, kind, props]) => ({ id, kind, label: id, props: props ?? {} }));
  doc.edges = edges.map(([from, to, protocol]) => ({ from, to, protocol: protocol as never, props: {} }));
  return doc;
}

const item = (doc: Topology, id: string) => scalePlan(resolve(doc)).items.find((i) => i.component.id === id)!;

describe('scalePlan: what the prod overlay runs, and why', () => {
  it('reads availability as a percentage', () => {
    expect([availabilityOf('99.9%'), availabilityOf(99.95), availabilityOf('three nines'), availabilityOf('150%')]).toEqual([99.9, 99.95, undefined, undefined]);
  });

  it('runs one of everything without requirements', () => {
    const doc = design({}, [['api', 'rest-service'], ['db', 'postgres'], ['bus', 'kafka'], ['cache', 'redis']]);
    for (const i of scalePlan(resolve(doc)).items) {
      expect(i.replicas, i.component.id).toBe(1);
      expect(i.autoscale).toBeUndefined();
      expect(i.minAvailable).toBeUndefined();
    }
  });

  it('gives services you build two replicas and a disruption budget at 99.9%, three at 99.99%, never fewer than their own setting', () => {
    const nines = design({ availability: '99.9%' }, [['api', 'rest-service'], ['big', 'rest-service', { replicas: 5 }]]);
    expect(item(nines, 'api')).toMatchObject({ how: 'deployment', replicas: 2, minAvailable: 1 });
    expect(item(nines, 'api').reason).toMatch(/availability 99.9% needs 2/);
    expect(item(nines, 'big')).toMatchObject({ replicas: 5, minAvailable: 4 });
    expect(item(design({ availability: '99.99%' }, [['api', 'rest-service']]), 'api').replicas).toBe(3);
  });

  it('autoscales APIs when the throughput asks for more replicas than they have, and consumers of a busy broker', () => {
    const doc = design({ throughputTps: 4000 }, [['api', 'rest-service'], ['bus', 'kafka'], ['worker', 'worker'], ['idle', 'worker']], [['api', 'bus', 'kafka'], ['bus', 'worker', 'kafka']]);
    expect(item(doc, 'api').autoscale).toEqual({ min: 1, max: 8, cpuPercent: 70 });
    expect(item(doc, 'worker').autoscale).toEqual({ min: 1, max: 2, cpuPercent: 70 });
    expect(item(doc, 'idle').autoscale).toBeUndefined();
    expect(item(design({ throughputTps: 100 }, [['api', 'rest-service']]), 'api').autoscale).toBeUndefined();
  });

  it('clusters the operator-managed brokers and databases with three members at 99.9%; the rest stays single', () => {
    const doc = design({ availability: '99.95%' }, [['db', 'postgres'], ['bus', 'kafka'], ['mq', 'rabbitmq'], ['cache', 'redis'], ['my', 'mysql']]);
    const plan = scalePlan(resolve(doc));
    expect(plan.topicReplicas).toBe(3);
    for (const id of ['db', 'bus', 'mq']) expect(item(doc, id)).toMatchObject({ how: 'cluster', replicas: 3, minAvailable: 2 });
    for (const id of ['cache', 'my']) expect(item(doc, id)).toMatchObject({ how: 'single', replicas: 1 });
  });
});
