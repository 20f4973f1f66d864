import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Obj } from './kustomize';

/**
 * What a cluster would make of the generated objects, offline: the JSON Schemas of
 * `../shared/schemas/kubernetes` (Kubernetes 1.32 strict, Kustomization, the operators' CRDs),
 * the pods each workload and each operator's custom resource gives (with the labels the
 * operators put on them, from their documentation), the Services operators make, and the
 * NetworkPolicy semantics of Kubernetes, evaluated on those pods.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCHEMAS = join(ROOT, '..', 'shared', 'schemas', 'kubernetes');

interface SchemaEntry {
  apiVersion: string;
  kind: string;
  file: string;
}

let index: SchemaEntry[] | undefined;
const compiled = new Map<string, ReturnType<Ajv['compile']>>();
let ajv: Ajv | undefined;

export function schemasAvailable(): boolean {
  return existsSync(join(SCHEMAS, 'index.json'));
}

function validatorFor(file: string) {
  if (!ajv) ajv = addFormats(new Ajv({ strict: false, allErrors: true })) as unknown as Ajv;
  let v = compiled.get(file);
  if (!v) {
    v = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
    compiled.set(file, v);
  }
  return v;
}

/** Schema errors of one object (its apiVersion and kind must have a schema). */
export function schemaErrors(obj: Obj): string[] {
  index ??= (JSON.parse(readFileSync(join(SCHEMAS, 'index.json'), 'utf8')) as { schemas: SchemaEntry[] }).schemas;
  const entry = index.find((s) => s.apiVersion === obj.apiVersion && s.kind === obj.kind);
  if (!entry) return [`no schema for ${obj.apiVersion} ${obj.kind}`];
  const v = validatorFor(entry.file);
  return v(obj) ? [] : (v.errors ?? []).slice(0, 5).map((e) => `${obj.kind}/${obj.metadata?.name} ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

export function kustomizationErrors(k: unknown): string[] {
  const v = validatorFor('kustomize/kustomization.json');
  return v(k) ? [] : (v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

// ── Pods ────────────────────────────────────────────────────────────────────

export interface Pod {
  /** What made it, e.g. `Deployment/orders`. */
  owner: string;
  namespace: string;
  labels: Record<string, string>;
  /** Container ports (numbers). */
  ports: number[];
  /** Secrets and ConfigMaps its containers read, as `Secret/name` / `ConfigMap/name`. */
}

const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
const labelsAt = (o: unknown, ...path: string[]) => ({ ...((get(o, ...path) as Record<string, string> | undefined) ?? {}) });
const containerPorts = (podSpec: unknown): number[] =>
  [...((get(podSpec, 'containers') as unknown[]) ?? []), ...((get(podSpec, 'initContainers') as unknown[]) ?? [])].flatMap((c) => ((get(c, 'ports') as Array<{ containerPort: number }>) ?? []).map((p) => p.containerPort));

/** Prometheus ports of the data planes of the Gateway classes the generator names. */
const DATA_PLANE_METRICS: Record<string, number> = { kong: 8100, 'envoy-gateway': 19001 };

/** The pods the objects give once their controllers and operators have run (one per kind of pod). */
export function podsOf(objects: readonly Obj[]): Pod[] {
  const pods: Pod[] = [];
  const ns = (o: Obj) => o.metadata.namespace ?? 'default';
  for (const o of objects) {
    const name = `${o.kind}/${o.metadata.name}`;
    switch (o.kind) {
      case 'Deployment':
      case 'StatefulSet':
        pods.push({ owner: name, namespace: ns(o), labels: labelsAt(o, 'spec', 'template', 'metadata', 'labels'), ports: containerPorts(get(o, 'spec', 'template', 'spec')) });
        break;
      case 'Job':
        pods.push({ owner: name, namespace: ns(o), labels: labelsAt(o, 'spec', 'template', 'metadata', 'labels'), ports: containerPorts(get(o, 'spec', 'template', 'spec')) });
        break;
      case 'KafkaNodePool': {
        // Strimzi: pods of a node pool carry strimzi.io/cluster, kind, name <cluster>-<pool>, pool-name and the role labels.
        const cluster = o.metadata.labels?.['strimzi.io/cluster'] ?? '';
        const kafka = objects.find((x) => x.kind === 'Kafka' && x.metadata.name === cluster);
        const roles = (get(o, 'spec', 'roles') as string[]) ?? [];
        const listeners = ((get(kafka, 'spec', 'kafka', 'listeners') as Array<{ port: number }>) ?? []).map((l) => l.port);
        pods.push({
          owner: name,
          namespace: ns(o),
          labels: {
            ...labelsAt(o, 'spec', 'template', 'pod', 'metadata', 'labels'),
            'strimzi.io/cluster': cluster,
            'strimzi.io/kind': 'Kafka',
            'strimzi.io/name': `${cluster}-${o.metadata.name}`,
            'strimzi.io/pool-name': o.metadata.name,
            ...(roles.includes('broker') ? { 'strimzi.io/broker-role': 'true' } : {}),
            ...(roles.includes('controller') ? { 'strimzi.io/controller-role': 'true' } : {}),
          },
          ports: [...listeners, 9090, 9091],
        });
        break;
      }
      case 'Kafka': {
        const c = o.metadata.name;
        if (get(o, 'spec', 'entityOperator')) pods.push({ owner: `${name} entity operator`, namespace: ns(o), labels: { ...labelsAt(o, 'spec', 'entityOperator', 'template', 'pod', 'metadata', 'labels'), 'strimzi.io/cluster': c, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${c}-entity-operator` }, ports: [] });
        if (get(o, 'spec', 'kafkaExporter')) pods.push({ owner: `${name} exporter`, namespace: ns(o), labels: { ...labelsAt(o, 'spec', 'kafkaExporter', 'template', 'pod', 'metadata', 'labels'), 'strimzi.io/cluster': c, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${c}-kafka-exporter` }, ports: [9404] });
        break;
      }
      case 'KafkaConnect':
        pods.push({ owner: name, namespace: ns(o), labels: { ...labelsAt(o, 'spec', 'template', 'pod', 'metadata', 'labels'), 'strimzi.io/cluster': o.metadata.name, 'strimzi.io/kind': 'KafkaConnect', 'strimzi.io/name': `${o.metadata.name}-connect` }, ports: [8083] });
        break;
      case 'Cluster':
        // CloudNativePG: inheritedMetadata labels on every instance, cnpg.io/cluster and the instance role.
        pods.push({ owner: name, namespace: ns(o), labels: { ...labelsAt(o, 'spec', 'inheritedMetadata', 'labels'), 'cnpg.io/cluster': o.metadata.name, 'cnpg.io/instanceRole': 'primary' }, ports: [5432, 8000, 9187] });
        break;
      case 'RabbitmqCluster':
        pods.push({ owner: name, namespace: ns(o), labels: { ...labelsAt(o, 'spec', 'override', 'statefulSet', 'spec', 'template', 'metadata', 'labels'), 'app.kubernetes.io/name': o.metadata.name, 'app.kubernetes.io/component': 'rabbitmq' }, ports: [5672, 15672, 15692, 4369, 25672] });
        break;
      case 'Gateway': {
        // Gateway API: spec.infrastructure.labels go on the data plane the controller makes; its
        // metrics port is the implementation's (Kong's status listener, Envoy Gateway's proxy stats).
        const metrics = DATA_PLANE_METRICS[get(o, 'spec', 'gatewayClassName') as string];
        pods.push({ owner: name, namespace: ns(o), labels: labelsAt(o, 'spec', 'infrastructure', 'labels'), ports: [...((get(o, 'spec', 'listeners') as Array<{ port: number }>) ?? []).map((l) => l.port), ...(metrics ? [metrics] : [])] });
        break;
      }
      default:
        break;
    }
  }
  return pods;
}

/** Services the operators make from their custom resources (name, namespace, selector, ports). */
export function operatorServices(objects: readonly Obj[]): Array<{ name: string; namespace: string; selector: Record<string, string>; ports: Array<{ port: number; targetPort: number }> }> {
  const out = [];
  for (const o of objects) {
    if (o.kind === 'RabbitmqCluster') {
      out.push({ name: o.metadata.name, namespace: o.metadata.namespace ?? 'default', selector: { 'app.kubernetes.io/name': o.metadata.name }, ports: [5672, 15672, 15692].map((p) => ({ port: p, targetPort: p })) });
    }
  }
  return out;
}

/** Secrets operators make: each KafkaUser's (password, sasl.jaas.config). */
export function operatorSecrets(objects: readonly Obj[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of objects) if (o.kind === 'KafkaUser') out.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, ['password', 'sasl.jaas.config']);
  return out;
}

export const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>): boolean => !!selector && Object.entries(selector).every(([k, v]) => labels[k] === v);

// ── NetworkPolicies ─────────────────────────────────────────────────────────

interface Peer {
  podSelector?: { matchLabels?: Record<string, string> };
  namespaceSelector?: { matchLabels?: Record<string, string> };
  ipBlock?: unknown;
}
interface PolicyRule {
  from?: Peer[];
  to?: Peer[];
  ports?: Array<{ port?: number; protocol?: string }>;
}

function peerMatches(peer: Peer, policyNs: string, pod: Pod): boolean {
  // An ipBlock stands for addresses outside the cluster (Kubernetes leaves pod IPs in an ipBlock to the network plugin).
  if (peer.ipBlock) return false;
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector.matchLabels ?? {}, { 'kubernetes.io/metadata.name': pod.namespace })) return false;
  } else if (pod.namespace !== policyNs) return false;
  return peer.podSelector ? selects(peer.podSelector.matchLabels ?? {}, pod.labels) : true;
}

function portMatches(rule: PolicyRule, port: number): boolean {
  return !rule.ports || rule.ports.length === 0 || rule.ports.some((p) => p.port === undefined || p.port === port);
}

/** The rules (policy name and index) that let `from` open a connection to `to` on `port`: ingress rules on `to`'s policies, egress rules on `from`'s. */
export function allowingRules(policies: readonly Obj[], from: Pod, to: Pod, port: number): { ingress: string[]; egress: string[] } {
  const ingress: string[] = [];
  const egress: string[] = [];
  for (const p of policies) {
    const ns = p.metadata.namespace ?? 'default';
    const spec = p.spec as { podSelector: { matchLabels?: Record<string, string> }; ingress?: PolicyRule[]; egress?: PolicyRule[] };
    const sel = spec.podSelector.matchLabels ?? {};
    if (to.namespace === ns && selects(sel, to.labels)) (spec.ingress ?? []).forEach((r, i) => (r.from === undefined || r.from.some((peer) => peerMatches(peer, ns, from))) && portMatches(r, port) && ingress.push(`${p.metadata.name}#${i}`));
    if (from.namespace === ns && selects(sel, from.labels)) (spec.egress ?? []).forEach((r, i) => (r.to === undefined || r.to.some((peer) => peerMatches(peer, ns, to))) && portMatches(r, port) && egress.push(`${p.metadata.name}#${i}`));
  }
  return { ingress, egress };
}
