import { parse } from 'yaml';
import type { Topology, TopoEdge, TopoNode } from '../../shared/model/types';
import type { OutputFile } from '../types';
import { generateStack } from './index';

/** Small builders for the stack generator's tests. */

export function design(nodes: Array<Partial<TopoNode> & { id: string; kind: string }>, edges: Array<Partial<TopoEdge> & { from: string; to: string }> = [], extra: Partial<Topology> = {}): Topology {
  return {
    topoforge: 1,
    name: 'Test',
    requirements: {},
    groups: [],
    layout: {},
    ...extra,
    nodes: nodes.map((n) => ({ label: n.id, props: {}, ...n })),
    edges: edges.map((e) => ({ props: {}, ...e })),
  };
}

export interface Bundle {
  files: OutputFile[];
  file(path: string): string;
  has(path: string): boolean;
  compose: ComposeFile;
  yaml<T = Record<string, unknown>>(path: string): T;
  json<T = Record<string, unknown>>(path: string): T;
}

export interface ComposeService {
  image: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  networks?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export function bundle(doc: Topology): Bundle {
  const files = generateStack(doc);
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const file = (p: string) => {
    const c = byPath.get(p);
    if (c === undefined) throw new Error(`no ${p} in the bundle: ${[...byPath.keys()].join(', ')}`);
    return c;
  };
  return {
    files,
    file,
    has: (p) => byPath.has(p),
    compose: parse(file('docker-compose.yml'), { version: '1.1' }) as ComposeFile,
    yaml: (p) => parse(file(p)),
    json: (p) => JSON.parse(file(p)),
  };
}

/** `${NAME}` references (not `$${...}` escapes, not Kafka Connect's `${env:NAME}`). */
export function envRefs(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(\$*)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}/g)) if (m[1]!.length % 2 === 0) out.add(m[2]!);
  return [...out];
}

export function envExampleNames(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))
    .map((l) => l.slice(0, l.indexOf('=')));
}
