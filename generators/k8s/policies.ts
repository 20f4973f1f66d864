import type { Component, Flow } from '../../shared/resolve';
import { str } from '../../shared/resolve/props';
import { safeBaseUrl } from './build';
import type { K8sContext } from './context';
import { API_SERVER_PORTS, COMPONENT_LABEL, DNS } from './platform';
import type { K8sObject } from './types';

/**
 * Trust zones become NetworkPolicies: every pod is denied all traffic, then each drawn
 * connection is allowed from its client's pods to its server's pods on the pod port behind the
 * Service and port the model says the client uses (`Flow.host`, `Flow.port`): one ingress rule
 * on the server and one egress rule on the client per connection. DNS is allowed to every pod.
 * Beyond the drawing: pods of an operator-managed cluster reach each other, their operator and
 * the Kubernetes API; entry points are reached from outside the cluster (an `ipBlock`, which
 * Kubernetes applies to traffic from outside the cluster); external systems are reached over
 * the internet.
 */

interface Rule {
  key: string;
  peer: Record<string, unknown>[];
  ports: number[] | undefined;
  why: string;
}

const ANYWHERE = [{ ipBlock: { cidr: '0.0.0.0/0' } }];

/** The pod port behind the Service and port a client uses over `f`, or why there is none. */
export function podPortOf(ctx: K8sContext, f: Flow): { port: number; service: string } | { missing: string } {
  if (!f.host || f.port === undefined) return { missing: 'the model gives it no host and port' };
  const svc = ctx.services.get(f.host);
  if (!svc) return { missing: `no Service \`${f.host}\`` };
  const p = svc.ports.find((x) => x.port === f.port);
  if (!p) return { missing: `Service \`${f.host}\` has no port ${f.port}` };
  return { port: p.targetPort, service: svc.name };
}

/** The port an external system is reached on, from its base URL when it has one. */
function externalPort(server: Component): number | undefined {
  const base = safeBaseUrl(str(server.props, 'baseUrl'));
  if (!base) return undefined;
  const m = /^(https?):\/\/[^/:]+(?::(\d+))?/.exec(base);
  return m ? (m[2] ? Number(m[2]) : m[1] === 'https' ? 443 : 80) : undefined;
}

const podsOf = (c: Component) => ({ podSelector: { matchLabels: { [COMPONENT_LABEL]: c.service } } });
const namespace = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });
const portsOf = (ports: number[] | undefined) => (ports && ports.length > 0 ? { ports: ports.map((port) => ({ protocol: 'TCP', port })) } : {});

export function networkPolicies(ctx: K8sContext): K8sObject[] {
  const ingress = new Map<Component, Rule[]>();
  const egress = new Map<Component, Rule[]>();
  const push = (m: Map<Component, Rule[]>, c: Component, r: Rule) => {
    const list = m.get(c) ?? [];
    const same = list.find((x) => x.key === r.key);
    if (same) return;
    list.push(r);
    m.set(c, list);
  };
  const inCluster = (c: Component) => c.containerised && ctx.objects.has(c);

  for (const f of ctx.resolved.flows) {
    const { client, server } = f;
    if (!client || !server || client === server) continue;
    if (inCluster(client) && inCluster(server)) {
      const target = podPortOf(ctx, f);
      if ('missing' in target) {
        ctx.note(`The connection ${f.id} is not allowed by any NetworkPolicy: ${target.missing}.`);
        continue;
      }
      push(ingress, server, { key: `${client.service}:${target.port}`, peer: [podsOf(client)], ports: [target.port], why: `${client.service} -> ${server.service}` });
      push(egress, client, { key: `${server.service}:${target.port}`, peer: [podsOf(server)], ports: [target.port], why: `${client.service} -> ${server.service}` });
    } else if (inCluster(client) && !server.containerised) {
      const port = externalPort(server);
      push(egress, client, { key: `external:${server.service}`, peer: ANYWHERE, ports: port ? [port] : undefined, why: `${client.service} -> ${server.service} (outside the cluster)` });
    } else if (!client.containerised && inCluster(server)) {
      const target = podPortOf(ctx, f);
      if ('missing' in target) continue;
      push(ingress, server, { key: `external:${client.service}:${target.port}`, peer: ANYWHERE, ports: [target.port], why: `${client.service} (outside the cluster) -> ${server.service}` });
    }
  }

  for (const [c, t] of ctx.traffic) {
    if (!inCluster(c)) continue;
    if (t.exposed.length > 0) push(ingress, c, { key: 'outside', peer: ANYWHERE, ports: [...new Set(t.exposed)].sort((a, b) => a - b), why: 'entry point: from outside the cluster' });
    if (t.self) {
      push(ingress, c, { key: 'self', peer: [podsOf(c)], ports: undefined, why: 'its own pods (cluster members)' });
      push(egress, c, { key: 'self', peer: [podsOf(c)], ports: undefined, why: 'its own pods (cluster members)' });
    }
    for (const op of t.operators) {
      push(ingress, c, { key: `operator:${op.namespace}`, peer: [namespace(op.namespace)], ports: op.ports, why: `its operator (namespace ${op.namespace})` });
      push(egress, c, { key: `operator:${op.namespace}`, peer: [namespace(op.namespace)], ports: op.ports, why: `its operator (namespace ${op.namespace})` });
    }
    if (t.apiServer) push(egress, c, { key: 'api-server', peer: ANYWHERE, ports: [...API_SERVER_PORTS], why: 'the Kubernetes API' });
  }

  const out: K8sObject[] = [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-all', labels: { 'app.kubernetes.io/part-of': ctx.app, 'app.kubernetes.io/managed-by': 'topoforge' } },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns', labels: { 'app.kubernetes.io/part-of': ctx.app, 'app.kubernetes.io/managed-by': 'topoforge' } },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ...namespace(DNS.namespace), podSelector: { matchLabels: { ...DNS.labels } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
      },
    },
  ];
  for (const c of ctx.resolved.components) {
    const ins = ingress.get(c) ?? [];
    const outs = egress.get(c) ?? [];
    if (ins.length === 0 && outs.length === 0) continue;
    const name = ctx.name('NetworkPolicy', c.id, c.service);
    const types = [...(ins.length > 0 ? ['Ingress'] : []), ...(outs.length > 0 ? ['Egress'] : [])];
    out.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, labels: { 'app.kubernetes.io/name': c.service, 'app.kubernetes.io/part-of': ctx.app, 'app.kubernetes.io/managed-by': 'topoforge' }, annotations: policyNotes(ins, outs) },
      spec: {
        podSelector: { matchLabels: { [COMPONENT_LABEL]: c.service } },
        policyTypes: types,
        ...(ins.length > 0 ? { ingress: ins.map((r) => ({ from: r.peer, ...portsOf(r.ports) })) } : {}),
        ...(outs.length > 0 ? { egress: outs.map((r) => ({ to: r.peer, ...portsOf(r.ports) })) } : {}),
      },
    });
  }
  return out;
}

/** What each rule is for, in order, as annotations a reader sees with `kubectl describe`. */
function policyNotes(ins: Rule[], outs: Rule[]): Record<string, string> {
  return {
    ...(ins.length > 0 ? { 'topoforge.dev/ingress': ins.map((r, i) => `${i + 1}. ${r.why}`).join('; ') } : {}),
    ...(outs.length > 0 ? { 'topoforge.dev/egress': outs.map((r, i) => `${i + 1}. ${r.why}`).join('; ') } : {}),
  };
}
