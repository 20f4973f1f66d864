import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';

/**
 * The bundled example designs. `assets/examples/index.ts` (EXAMPLES) is the catalogue of them;
 * until it exists the `*.topo.yaml` files in that folder are read directly.
 */

export interface Example {
  id: string;
  title: string;
  description: string;
  load: () => Topology;
}

type Raw = Record<string, unknown>;
const indexMods = import.meta.glob<{ EXAMPLES?: unknown }>('../../assets/examples/index.ts', { eager: true });
const files = import.meta.glob<string>('../../assets/examples/*.topo.yaml', { query: '?raw', import: 'default', eager: true });

function fromText(id: string, text: string): () => Topology {
  return () => {
    const r = parseTopology(text, { fileName: `${id}.topo.yaml` });
    if (r.ok) return r.doc;
    return emptyTopology(id);
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function fromEntry(raw: Raw, i: number): Example | undefined {
  const id = str(raw.id) ?? str(raw.slug) ?? str(raw.name) ?? `example-${i + 1}`;
  const text = str(raw.yaml) ?? str(raw.text) ?? str(raw.source) ?? str(raw.content);
  const doc = (raw.doc ?? raw.topology ?? raw.design) as Topology | undefined;
  let load: (() => Topology) | undefined;
  if (text) load = fromText(id, text);
  else if (doc && typeof doc === 'object' && Array.isArray(doc.nodes)) load = () => structuredClone(doc);
  else if (Array.isArray((raw as Partial<Topology>).nodes)) load = () => structuredClone(raw as unknown as Topology);
  if (!load) return undefined;
  const title = str(raw.title) ?? str(raw.label) ?? str(raw.name) ?? id;
  return { id, title, description: str(raw.description) ?? str(raw.summary) ?? '', load };
}

function collect(): Example[] {
  const idx = Object.values(indexMods)[0]?.EXAMPLES;
  const entries: unknown[] = Array.isArray(idx) ? idx : idx && typeof idx === 'object' ? Object.entries(idx as Raw).map(([k, v]) => (typeof v === 'string' ? { id: k, yaml: v } : { id: k, ...(v as Raw) })) : [];
  const out = entries.map((e, i) => (e && typeof e === 'object' ? fromEntry(e as Raw, i) : undefined)).filter((e): e is Example => !!e);
  if (out.length) return out;
  return Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, text]) => {
      const id = path.replace(/^.*\//, '').replace(/\.topo\.yaml$/, '');
      const r = parseTopology(text);
      return { id, title: r.ok ? r.doc.name : id, description: r.ok ? (r.doc.description ?? '') : '', load: fromText(id, text) };
    });
}

export const EXAMPLES: readonly Example[] = collect();

/** The example opened on first launch: e-commerce when present. */
export function defaultExample(): Example | undefined {
  return EXAMPLES.find((e) => /ecommerce|e-commerce|shop|order/i.test(e.id)) ?? EXAMPLES[0];
}
