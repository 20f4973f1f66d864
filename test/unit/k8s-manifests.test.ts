import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples';
import { generateKubernetes } from '../../generators/k8s';
import { COMPONENT_LABEL } from '../../generators/k8s/platform';
import type { OutputFile } from '../../generators/types';
import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import type { ResolvedDesign } from '../../shared/resolve';
import { allowingRules, kustomizationErrors, operatorSecrets, operatorServices, podsOf, schemaErrors, selects } from '../k8s/cluster';
import type { Pod } from '../k8s/cluster';
import { build, parseStream } from '../k8s/kustomize';
import type { Obj } from '../k8s/kustomize';

/**
 * The Kubernetes target, checked offline on the bundled examples, the real-world designs in
 * ../shared and the design with every kind: every document (and every overlay's result)
 * validates against the Kubernetes, Kustomize and operator schemas; every kustomization's
 * resources exist; every Service selects pods and their ports; every ConfigMap, Secret and
 * operator reference resolves; every NetworkPolicy selects pods; evaluated on the pods, each
 * drawn connection is allowed by exactly one ingress and one egress rule and no undrawn one is.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function designs(): Array<{ name: string; doc: Topology }> {
  const out: Array<{ name: string; doc: Topology }> = [];
  const read = (name: string, text: string) => {
    const r = parseTopology(text);
    if (!r.ok) throw new Error(`${name} does not parse`);
    out.push({ name, doc: r.doc });
  };
  for (const e of EXAMPLES) read(`example ${e.id}`, e.yaml);
  const realworld = join(ROOT, '..', 'shared', 'fixtures', 'realworld', 'designs');
  for (const f of readdirSync(realworld).filter((x) => x.endsWith('.topo.yaml')).sort()) read(`realworld ${f}`, readFileSync(join(realworld, f), 'utf8'));
  for (const f of ['every-kind.topo.yaml', 'orders.topo.yaml']) read(`fixture ${f}`, readFileSync(join(ROOT, 'test', 'fixtures', 'designs', f), 'utf8'));
  return out;
}

const DESIGNS = designs();

interface Built {
  resolved: ResolvedDesign;
  files: OutputFile[];
  overlays: Record<'dev' | 'prod', Obj[]>;
}

const built = new Map<string, Built>();

beforeAll(() => {
  for (const d of DESIGNS) {
    const files = generateKubernetes(d.doc);
    built.set(d.name, { resolved: resolve(d.doc), files, overlays: { dev: build(files, 'k8s/overlays/dev'), prod: build(files, 'k8s/overlays/prod') } });
  }
}, 120_000);

const key = (o: Obj) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const get = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);

/** Every `{configMapRef|secretKeyRef|configMap|secret...}` a pod spec names. */
function podRefs(spec: unknown): Array<{ kind: 'ConfigMap' | 'Secret'; name: string; key?: string }> {
  const out: Array<{ kind: 'ConfigMap' | 'Secret'; name: string; key?: string }> = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (o.configMapRef) out.push({ kind: 'ConfigMap', name: get(o, 'configMapRef', 'name') as string });
    if (o.secretKeyRef) out.push({ kind: 'Secret', name: get(o, 'secretKeyRef', 'name') as string, key: get(o, 'secretKeyRef', 'key') as string });
    if (o.configMapKeyRef) out.push({ kind: 'ConfigMap', name: get(o, 'configMapKeyRef', 'name') as string, key: get(o, 'configMapKeyRef', 'key') as string });
    if (o.configMap && typeof o.configMap === 'object') out.push({ kind: 'ConfigMap', name: get(o, 'configMap', 'name') as string });
    if (o.secret && typeof o.secret === 'object' && (o.secret as Record<string, unknown>).secretName) out.push({ kind: 'Secret', name: get(o, 'secret', 'secretName') as string });
    for (const v of Object.values(o)) walk(v);
  };
  walk(spec);
  return out;
}

/** References between objects, as `[what refers, kind, name, key?]`. */
function references(objs: readonly Obj[]): Array<{ from: string; kind: string; name: string; key?: string }> {
  const out: Array<{ from: string; kind: string; name: string; key?: string }> = [];
  for (const o of objs) {
    const from = `${o.kind}/${o.metadata.name}`;
    const spec = o.spec as Record<string, unknown> | undefined;
    if (o.kind === 'Deployment' || o.kind === 'StatefulSet' || o.kind === 'Job') for (const r of podRefs(get(spec, 'template', 'spec'))) out.push({ from, ...r });
    if (o.kind === 'KafkaConnect') {
      for (const r of podRefs(get(spec, 'template'))) out.push({ from, ...r });
      const pw = get(spec, 'authentication', 'passwordSecret') as { secretName: string; password: string } | undefined;
      if (pw) out.push({ from, kind: 'Secret', name: pw.secretName, key: pw.password });
    }
    if (o.kind === 'Cluster') {
      const init = get(spec, 'bootstrap', 'initdb') as Record<string, unknown> | undefined;
      if (init?.secret) out.push({ from, kind: 'Secret', name: get(init, 'secret', 'name') as string, key: 'password' });
      for (const r of (get(init, 'postInitApplicationSQLRefs', 'configMapRefs') as Array<{ name: string; key: string }>) ?? []) out.push({ from, kind: 'ConfigMap', name: r.name, key: r.key });
      for (const role of (get(spec, 'managed', 'roles') as Array<{ passwordSecret?: { name: string } }>) ?? []) if (role.passwordSecret) out.push({ from, kind: 'Secret', name: role.passwordSecret.name, key: 'password' });
    }
    if (o.kind === 'User' && get(spec, 'importCredentialsSecret')) {
      const name = get(spec, 'importCredentialsSecret', 'name') as string;
      out.push({ from, kind: 'Secret', name, key: 'username' }, { from, kind: 'Secret', name, key: 'password' });
    }
    if (get(spec, 'rabbitmqClusterReference')) out.push({ from, kind: 'RabbitmqCluster', name: get(spec, 'rabbitmqClusterReference', 'name') as string });
    if (o.kind === 'Permission') out.push({ from, kind: 'User', name: get(spec, 'userReference', 'name') as string });
    if (['KafkaTopic', 'KafkaUser', 'KafkaNodePool'].includes(o.kind)) out.push({ from, kind: 'Kafka', name: o.metadata.labels?.['strimzi.io/cluster'] ?? '(no strimzi.io/cluster label)' });
    if (o.kind === 'KafkaConnector') out.push({ from, kind: 'KafkaConnect', name: o.metadata.labels?.['strimzi.io/cluster'] ?? '(no strimzi.io/cluster label)' });
    if (o.kind === 'KafkaConnect') {
      // Its SCRAM user is a KafkaUser of the Kafka it bootstraps from.
      const user = get(spec, 'authentication', 'username') as string;
      out.push({ from, kind: 'KafkaUser', name: user });
    }
    if (o.kind === 'HorizontalPodAutoscaler') out.push({ from, kind: get(spec, 'scaleTargetRef', 'kind') as string, name: get(spec, 'scaleTargetRef', 'name') as string });
    if (o.kind === 'HTTPRoute' || o.kind === 'GRPCRoute') {
      for (const p of (get(spec, 'parentRefs') as Array<{ name: string }>) ?? []) out.push({ from, kind: 'Gateway', name: p.name });
      for (const rule of (get(spec, 'rules') as Array<{ backendRefs?: Array<{ name: string; port: number }> }>) ?? []) for (const b of rule.backendRefs ?? []) out.push({ from, kind: 'Service', name: b.name, key: String(b.port) });
    }
    const plugins = o.metadata.annotations?.['konghq.com/plugins'];
    if (plugins) for (const p of plugins.split(',')) out.push({ from, kind: 'KongPlugin', name: p });
  }
  return out;
}

describe('Kubernetes target', () => {
  it('covers the bundled examples, the real-world designs and every kind', () => {
    expect(DESIGNS.map((d) => d.name)).toEqual(expect.arrayContaining(['example starter', 'example ecommerce-orders', 'example trading-data', 'fixture every-kind.topo.yaml']));
    expect(DESIGNS.filter((d) => d.name.startsWith('realworld')).length).toBeGreaterThanOrEqual(2);
  });

  for (const d of DESIGNS) {
    describe(d.name, () => {
      it('gives the same bytes for the same design, every file under k8s/ and ending in a newline', () => {
        const again = generateKubernetes(structuredClone(d.doc));
        const { files } = built.get(d.name)!;
        expect(again).toEqual(files);
        for (const f of files) {
          expect(f.path.startsWith('k8s/'), f.path).toBe(true);
          expect(f.content.endsWith('\n'), f.path).toBe(true);
        }
      });

      it('validates every document and every overlay result against the schemas', () => {
        const { files, overlays } = built.get(d.name)!;
        const errors: string[] = [];
        for (const f of files) {
          if (!f.path.endsWith('.yaml')) continue;
          for (const o of parseStream(f.content, f.path)) errors.push(...(o.kind === 'Kustomization' ? kustomizationErrors(o) : schemaErrors(o)).map((e) => `${f.path}: ${e}`));
        }
        for (const env of ['dev', 'prod'] as const) for (const o of overlays[env]) errors.push(...schemaErrors(o).map((e) => `overlay ${env}: ${e}`));
        expect(errors).toEqual([]);
      });

      it('names objects as Kubernetes requires: unique per kind, DNS names, short enough labels', () => {
        const { overlays } = built.get(d.name)!;
        for (const env of ['dev', 'prod'] as const) {
          const seen = new Set<string>();
          for (const o of overlays[env]) {
            expect(seen.has(key(o)), key(o)).toBe(false);
            seen.add(key(o));
            expect(o.metadata.name, key(o)).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
            expect(o.metadata.name.length, key(o)).toBeLessThanOrEqual(o.kind === 'Service' || o.kind === 'Namespace' ? 63 : 253);
            if (o.kind === 'Service' || o.kind === 'StatefulSet' || o.kind === 'Deployment') expect(o.metadata.name, key(o)).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
            for (const v of Object.values(o.metadata.labels ?? {})) expect(v.length, `${key(o)} label ${v}`).toBeLessThanOrEqual(63);
          }
        }
      });

      it('each overlay puts everything in its own namespace and makes every Secret from an env example', () => {
        const { overlays, files } = built.get(d.name)!;
        const paths = new Set(files.map((f) => f.path));
        for (const env of ['dev', 'prod'] as const) {
          const ns = overlays[env].find((o) => o.kind === 'Namespace')!;
          expect(ns.metadata.name.endsWith(`-${env}`)).toBe(true);
          for (const o of overlays[env]) if (o.kind !== 'Namespace') expect(o.metadata.namespace, key(o)).toBe(ns.metadata.name);
        }
        // Nothing secret is committed: the env files are examples with placeholders; git ignores the real ones.
        for (const f of files.filter((x) => x.path.endsWith('.env.example'))) {
          for (const line of f.content.split('\n')) if (/^[^#].*(password|PASSWORD|SECRET|TOKEN|CREDENTIAL)=/.test(line)) expect(line, f.path).toMatch(/=change-me$/);
        }
        if (files.some((f) => f.path.endsWith('.env.example'))) expect(paths.has('k8s/base/secrets/.gitignore')).toBe(true);
        for (const f of files) if (f.path.endsWith('.yaml')) for (const o of parseStream(f.content, f.path)) expect(o.kind, f.path).not.toBe('Secret');
      });

      it('every Service selects pods that have its target ports', () => {
        const { overlays } = built.get(d.name)!;
        for (const env of ['dev', 'prod'] as const) {
          const pods = podsOf(overlays[env]);
          for (const s of overlays[env].filter((o) => o.kind === 'Service')) {
            const selector = get(s, 'spec', 'selector') as Record<string, string>;
            const hit = pods.filter((p) => p.namespace === s.metadata.namespace && selects(selector, p.labels));
            expect(hit.length, `Service ${s.metadata.name} selects no pod`).toBeGreaterThan(0);
            for (const port of (get(s, 'spec', 'ports') as Array<{ targetPort: number }>) ?? []) expect(hit.some((p) => p.ports.includes(port.targetPort)), `Service ${s.metadata.name} port ${port.targetPort}`).toBe(true);
          }
        }
      });

      it('every ConfigMap, Secret and operator reference resolves (and the key is there)', () => {
        const { overlays } = built.get(d.name)!;
        const objs = overlays.dev;
        const byKey = new Map(objs.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
        const made = operatorSecrets(objs);
        const missing: string[] = [];
        for (const r of references(objs)) {
          const target = byKey.get(`${r.kind}/${r.name}`);
          if (r.kind === 'Secret' && !target) {
            const keys = made.get(`${objs[0]!.metadata.namespace}/${r.name}`);
            if (!keys || (r.key && !keys.includes(r.key))) missing.push(`${r.from} -> Secret ${r.name} ${r.key ?? ''}`);
            continue;
          }
          if (!target) {
            missing.push(`${r.from} -> ${r.kind} ${r.name}`);
            continue;
          }
          if (r.key && (r.kind === 'Secret' || r.kind === 'ConfigMap') && !(r.key in ((target.data as Record<string, string>) ?? {}))) missing.push(`${r.from} -> ${r.kind} ${r.name} has no key ${r.key}`);
          if (r.key && r.kind === 'Service' && !((get(target, 'spec', 'ports') as Array<{ port: number }>) ?? []).some((p) => String(p.port) === r.key)) missing.push(`${r.from} -> Service ${r.name} has no port ${r.key}`);
        }
        expect(missing).toEqual([]);
      });

      // Programs (the stand-in's JavaScript, scripts) have ${...} of their own language, not the config's expansions.
      it('every ${NAME} a config expands is in the environment of the container that reads it', () => {
        const { overlays } = built.get(d.name)!;
        const objs = overlays.dev;
        const refs = (text: string) => [...text.matchAll(/(\$*)\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}/g)].filter((m) => m[1]!.length % 2 === 0).map((m) => m[2]!);
        const configMaps = new Map(objs.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, (o.data as Record<string, string>) ?? {}]));
        const missing: string[] = [];
        for (const w of objs.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')) {
          const pod = get(w, 'spec', 'template', 'spec') as { containers: Array<{ env?: Array<{ name: string }>; envFrom?: Array<{ configMapRef: { name: string } }>; volumeMounts?: Array<{ name: string }> }>; volumes?: Array<{ name: string; configMap?: { name: string } }> };
          for (const c of pod.containers) {
            const env = new Set([...(c.env ?? []).map((e) => e.name), ...(c.envFrom ?? []).flatMap((e) => Object.keys(configMaps.get(e.configMapRef.name) ?? {}))]);
            for (const m of c.volumeMounts ?? []) {
              const cm = pod.volumes?.find((v) => v.name === m.name)?.configMap?.name;
              for (const [file, text] of Object.entries(cm ? (configMaps.get(cm) ?? {}) : {})) for (const n of /\.(m?js|sh|lua)$/.test(file) ? [] : refs(text)) if (!env.has(n)) missing.push(`${w.kind}/${w.metadata.name} reads \${${n}} in ${cm}/${file}`);
            }
          }
        }
        for (const k of objs.filter((o) => o.kind === 'KafkaConnector')) {
          const connect = objs.find((o) => o.kind === 'KafkaConnect' && o.metadata.name === k.metadata.labels?.['strimzi.io/cluster']);
          const env = new Set(((get(connect, 'spec', 'template', 'connectContainer', 'env') as Array<{ name: string }>) ?? []).map((e) => e.name));
          for (const v of Object.values((get(k, 'spec', 'config') as Record<string, unknown>) ?? {})) for (const n of refs(String(v))) if (!env.has(n)) missing.push(`KafkaConnector/${k.metadata.name} reads \${env:${n}}`);
        }
        expect(missing).toEqual([]);
      });

      it('every NetworkPolicy selects pods; the rest is denied by default, DNS allowed', () => {
        const { overlays } = built.get(d.name)!;
        const objs = overlays.dev;
        const pods = podsOf(objs);
        const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
        const deny = policies.find((p) => p.metadata.name === 'default-deny-all')!;
        expect(get(deny, 'spec')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
        expect(policies.some((p) => p.metadata.name === 'allow-dns')).toBe(true);
        for (const p of policies) {
          const sel = (get(p, 'spec', 'podSelector', 'matchLabels') as Record<string, string>) ?? {};
          expect(pods.some((x) => x.namespace === p.metadata.namespace && selects(sel, x.labels)), `NetworkPolicy ${p.metadata.name} selects no pod`).toBe(true);
        }
      });

      it('each drawn connection is allowed by exactly one ingress and one egress rule, on the port its client uses; no undrawn one is', () => {
        const { overlays, resolved } = built.get(d.name)!;
        const objs = overlays.dev;
        const ns = objs.find((o) => o.kind === 'Namespace')!.metadata.name;
        const pods = podsOf(objs).filter((p) => p.namespace === ns);
        const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
        const services = [
          ...objs.filter((o) => o.kind === 'Service').map((s) => ({ name: s.metadata.name, selector: get(s, 'spec', 'selector') as Record<string, string>, ports: get(s, 'spec', 'ports') as Array<{ port: number; targetPort: number }> })),
          ...operatorServices(objs),
        ];
        const podsOfComponent = (service: string): Pod[] => pods.filter((p) => p.labels[COMPONENT_LABEL] === service);
        const drawn = new Map<string, Set<number>>();
        const problems: string[] = [];
        let checked = 0;
        for (const f of resolved.flows) {
          const { client, server } = f;
          if (!client || !server || client === server || !client.containerised || !server.containerised) continue;
          const from = podsOfComponent(client.service);
          if (from.length === 0) continue; // a component with nothing in the cluster (a connector without a Kafka)
          // Where the client connects, by the model: a Service and a port, and the pods and port behind them.
          const svc = services.find((s) => s.name === f.host);
          const port = svc?.ports.find((p) => p.port === f.port);
          if (!svc || !port) {
            problems.push(`${f.id}: no Service ${f.host}:${f.port}`);
            continue;
          }
          const to = pods.filter((p) => selects(svc.selector, p.labels) && p.ports.includes(port.targetPort));
          if (to.length === 0) problems.push(`${f.id}: Service ${f.host} selects no pod with port ${port.targetPort}`);
          for (const a of from) {
            for (const b of to) {
              const r = allowingRules(policies, a, b, port.targetPort);
              checked++;
              if (r.ingress.length !== 1) problems.push(`${f.id}: ${r.ingress.length} ingress rules (${r.ingress.join(', ')}) let ${a.owner} reach ${b.owner}:${port.targetPort}`);
              if (r.egress.length !== 1) problems.push(`${f.id}: ${r.egress.length} egress rules (${r.egress.join(', ')}) let ${a.owner} reach ${b.owner}:${port.targetPort}`);
            }
          }
          const ports = drawn.get(`${client.service}>${server.service}`) ?? new Set<number>();
          ports.add(port.targetPort);
          drawn.set(`${client.service}>${server.service}`, ports);
        }
        // Undrawn: no rule lets one component's pods reach another's on a port they listen on, but
        // the ports of the drawn connections between them.
        const components = resolved.components.filter((c) => podsOfComponent(c.service).length > 0);
        for (const a of components) {
          for (const b of components) {
            if (a === b) continue;
            const allowed = drawn.get(`${a.service}>${b.service}`) ?? new Set<number>();
            for (const pa of podsOfComponent(a.service)) {
              for (const pb of podsOfComponent(b.service)) {
                for (const port of pb.ports) {
                  if (allowed.has(port)) continue;
                  const r = allowingRules(policies, pa, pb, port);
                  if (r.ingress.length > 0 && r.egress.length > 0) problems.push(`undrawn ${a.service} -> ${b.service}:${port} is allowed (${r.ingress.join(', ')} / ${r.egress.join(', ')})`);
                  if (r.ingress.length > 0 || r.egress.length > 0) problems.push(`undrawn ${a.service} -> ${b.service}:${port} has a rule (${[...r.ingress, ...r.egress].join(', ')})`);
                }
              }
            }
          }
        }
        expect(problems).toEqual([]);
        if (resolved.flows.some((f) => f.client && f.server && f.client !== f.server && f.client.containerised && f.server.containerised)) expect(checked).toBeGreaterThan(0);
      });
    });
  }
});

describe('Kubernetes target: schemas', () => {
  it('reads the schemas of ../shared (as CI has them beside the repository)', () => {
    expect(existsSync(join(ROOT, '..', 'shared', 'schemas', 'kubernetes', 'index.json'))).toBe(true);
  });
});
