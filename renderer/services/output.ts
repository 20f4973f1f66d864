import type { OutputFile } from '../../generators/types';
import type { Diagnostic, Topology } from '../../shared/model/types';

/**
 * The generated output shown in the Output panel and exported as the bundle: `generateBundle`
 * (generators/bundle.ts), loaded on first use (its own chunk; in the app it runs in a worker,
 * see output-client.ts). A generator failure is reported, never thrown at the user.
 */

export interface Output {
  files: OutputFile[];
  template?: string;
  compose?: string;
  mermaid?: string;
  /** Generator failures, in words (a bug, not the user's fault). */
  errors: string[];
}

/** `checks`: validation's findings about `doc` when the caller has them (they are not computed again). */
export async function computeOutput(doc: Topology, checks?: Diagnostic[]): Promise<Output> {
  let files: OutputFile[] = [];
  const errors: string[] = [];
  try {
    const { generateBundle } = await import('../../generators/bundle');
    files = generateBundle(doc, { checks });
  } catch (e) {
    errors.push(`The output could not be generated: ${e instanceof Error ? e.message : String(e)}. This is a bug in Topoforge; your design is safe.`);
  }
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  return { files, template: byPath.get('INTEGRATION.md'), compose: byPath.get('docker-compose.yml'), mermaid: byPath.get('diagram.mmd'), errors };
}
