import type { OutputFile } from '../../generators/types';
import type { Diagnostic, Topology } from '../../shared/model/types';

/**
 * The generated output shown in the Output panel and exported as the bundle. It comes from
 * `generateBundle` (generators/bundle.ts); pieces the bundle does not have yet are filled from
 * the single generators where they exist. Everything is loaded on first use (its own chunk).
 */

export interface Output {
  files: OutputFile[];
  template?: string;
  compose?: string;
  mermaid?: string;
  /** Generator failures, in words (a bug, not the user's fault: shown, never thrown). */
  errors: string[];
}

type Loader<T> = () => Promise<T>;
const one = <T>(mods: Record<string, Loader<T>>): Loader<T> | undefined => Object.values(mods)[0];

const loadBundle = one(import.meta.glob<{ generateBundle?: (doc: Topology) => unknown }>('../../generators/bundle.ts'));
const loadDoc = one(import.meta.glob<{ generateIntegrationDoc?: (doc: Topology, diagnostics?: Diagnostic[]) => string }>('../../generators/doc/index.ts'));
const loadStack = one(import.meta.glob<{ generateStack?: (doc: Topology) => unknown }>('../../generators/stack/index.ts'));
const loadMermaid = one(import.meta.glob<{ generateMermaid?: (doc: Topology) => string }>('../../generators/mermaid/index.ts'));

function filesOf(result: unknown): OutputFile[] {
  const list = Array.isArray(result) ? result : result && typeof result === 'object' && Array.isArray((result as { files?: unknown }).files) ? (result as { files: unknown[] }).files : [];
  return list.filter((f): f is OutputFile => !!f && typeof (f as OutputFile).path === 'string' && typeof (f as OutputFile).content === 'string');
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function computeOutput(doc: Topology, diagnostics?: Diagnostic[]): Promise<Output> {
  const errors: string[] = [];
  let files: OutputFile[] = [];
  if (loadBundle) {
    try {
      const mod = await loadBundle();
      if (mod.generateBundle) files = filesOf(mod.generateBundle(doc));
    } catch (e) {
      errors.push(`The bundle could not be generated: ${message(e)}`);
    }
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  const add = (path: string, content: string) => {
    const f = { path, content: content.endsWith('\n') ? content : `${content}\n` };
    files.push(f);
    byPath.set(path, f);
  };
  if (!byPath.has('INTEGRATION.md') && loadDoc) {
    try {
      const mod = await loadDoc();
      if (mod.generateIntegrationDoc) add('INTEGRATION.md', mod.generateIntegrationDoc(doc, diagnostics));
    } catch (e) {
      errors.push(`The integration document could not be generated: ${message(e)}`);
    }
  }
  if (!byPath.has('docker-compose.yml') && loadStack) {
    try {
      const mod = await loadStack();
      if (mod.generateStack) for (const f of filesOf(mod.generateStack(doc))) if (!byPath.has(f.path)) {
        files.push(f);
        byPath.set(f.path, f);
      }
    } catch (e) {
      errors.push(`The starter stack could not be generated: ${message(e)}`);
    }
  }
  if (!byPath.has('diagram.mmd') && loadMermaid) {
    try {
      const mod = await loadMermaid();
      if (mod.generateMermaid) add('diagram.mmd', mod.generateMermaid(doc));
    } catch (e) {
      errors.push(`The Mermaid diagram could not be generated: ${message(e)}`);
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    template: byPath.get('INTEGRATION.md')?.content,
    compose: byPath.get('docker-compose.yml')?.content,
    mermaid: byPath.get('diagram.mmd')?.content,
    errors,
  };
}
