import { parseAllDocuments } from 'yaml';
import type { OutputFile } from '../../generators/types';

/**
 * A small offline `kustomize build` for the Kubernetes target's own files (the real kustomize
 * is not installable here: Debian's kubectl 1.20 predates `patches:`). It does what the
 * generated kustomizations use, and fails on anything else: `resources` (files and folders),
 * `namespace`, `secretGenerator` from env files (the committed `.env.example` stands in for the
 * `.env` a user makes), `generatorOptions.disableNameSuffixHash`, `replicas`, and `patches`
 * holding JSON 6902 `add`/`replace` operations, targeted by group, version, kind, name or label.
 */

export type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [k: string]: unknown };

/** YAML 1.1 as kubectl reads it, dates kept as text. */
export function parseStream(text: string, path: string): Obj[] {
  const docs = parseAllDocuments(text, { version: '1.1', customTags: (t) => t.filter((x) => (x as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp'), uniqueKeys: true });
  if (!Array.isArray(docs)) throw new Error(`${path}: not a YAML stream`);
  return docs.map((d, i) => {
    if (d.errors.length) throw new Error(`${path} document ${i + 1}: ${d.errors[0]!.message}`);
    return d.toJS() as Obj;
  });
}

const CLUSTER_SCOPED = new Set(['Namespace', 'GatewayClass', 'KongClusterPlugin']);
const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'secretGenerator', 'generatorOptions', 'replicas', 'patches']);

function join(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const p of rel.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

function envFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`env file line without a key: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

function pointer(path: string): string[] {
  if (!path.startsWith('/')) throw new Error(`bad JSON pointer ${path}`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function applyJsonPatch(obj: Obj, ops: Array<{ op: string; path: string; value: unknown }>): void {
  for (const o of ops) {
    const keys = pointer(o.path);
    let cur: Record<string, unknown> = obj as unknown as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) {
      const next = cur[k];
      if (!next || typeof next !== 'object') throw new Error(`patch ${o.op} ${o.path}: ${k} does not exist in ${obj.kind}/${obj.metadata.name}`);
      cur = next as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    if (o.op === 'replace' && !(last in cur)) throw new Error(`patch replace ${o.path}: no such field in ${obj.kind}/${obj.metadata.name}`);
    if (o.op !== 'replace' && o.op !== 'add') throw new Error(`patch op ${o.op} is not used by the generator`);
    cur[last] = structuredClone(o.value);
  }
}

function matchesTarget(obj: Obj, t: Record<string, string>): boolean {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  if (t.kind && t.kind !== obj.kind) return false;
  if (t.name && t.name !== obj.metadata.name) return false;
  if (t.group !== undefined && t.group !== group) return false;
  if (t.version && t.version !== version) return false;
  if (t.labelSelector) {
    for (const term of t.labelSelector.split(',')) {
      const [k, v] = term.split('=');
      if (obj.metadata.labels?.[k!] !== v) return false;
    }
  }
  return true;
}

/** `kustomize build <dir>` over the generated files (paths relative to the bundle root). */
export function build(files: readonly OutputFile[], dir: string): Obj[] {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const kpath = `${dir}/kustomization.yaml`;
  const text = byPath.get(kpath);
  if (text === undefined) throw new Error(`${kpath} does not exist`);
  const k = parseStream(text, kpath)[0] as unknown as Record<string, unknown>;
  for (const key of Object.keys(k)) if (!KNOWN_FIELDS.has(key)) throw new Error(`${kpath}: ${key} is not emulated`);
  const out: Obj[] = [];
  for (const r of (k.resources as string[]) ?? []) {
    const p = join(dir, r);
    if (byPath.has(`${p}/kustomization.yaml`)) out.push(...build(files, p));
    else if (byPath.has(p)) out.push(...parseStream(byPath.get(p)!, p));
    else throw new Error(`${kpath}: resource ${r} does not exist`);
  }
  const noHash = (k.generatorOptions as { disableNameSuffixHash?: boolean } | undefined)?.disableNameSuffixHash === true;
  for (const g of (k.secretGenerator as Array<{ name: string; type?: string; envs: string[] }>) ?? []) {
    if (!noHash) throw new Error(`${kpath}: Secrets with a hash suffix would break operator references`);
    const data: Record<string, string> = {};
    for (const e of g.envs) {
      const example = byPath.get(`${join(dir, e)}.example`);
      if (example === undefined) throw new Error(`${kpath}: ${e} has no ${e}.example to make it from`);
      for (const [key, value] of Object.entries(envFile(example))) data[key] = Buffer.from(value).toString('base64');
    }
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: g.name }, ...(g.type ? { type: g.type } : {}), data });
  }
  if (typeof k.namespace === 'string') for (const o of out) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  for (const r of (k.replicas as Array<{ name: string; count: number }>) ?? []) {
    const hit = out.filter((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.name === r.name);
    if (hit.length === 0) throw new Error(`${kpath}: replicas for ${r.name}, which is not a workload`);
    for (const o of hit) (o.spec as { replicas: number }).replicas = r.count;
  }
  for (const p of (k.patches as Array<{ target: Record<string, string>; patch: string }>) ?? []) {
    const ops = parseStream(p.patch, `${kpath} patch`)[0] as unknown as Array<{ op: string; path: string; value: unknown }>;
    const hit = out.filter((o) => matchesTarget(o, p.target));
    if (hit.length === 0) throw new Error(`${kpath}: a patch targets nothing: ${JSON.stringify(p.target)}`);
    for (const o of hit) applyJsonPatch(o, ops);
  }
  return out;
}
