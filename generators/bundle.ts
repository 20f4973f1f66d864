import type { Diagnostic, Topology } from '../shared/model/types';
import { generateIntegrationDoc } from './doc';
import { generateIntegrationHtml } from './doc/html';
import { generateMermaid } from './mermaid';
import { interopFiles } from './interop';
import { generateStack } from './stack';
import { generateKubernetes } from './k8s';
import type { OutputFile } from './types';
import { outputModel } from './output-model';
import { designChecks } from './doc/checks';

/**
 * The whole generated bundle for a design (see PRODUCT.md, "The generated bundle"): a pure
 * function, same design -> same files, sorted by path.
 *
 * - `INTEGRATION.md`: the filled Integration Patterns document (generators/doc), and
 *   `INTEGRATION.html`: the same, self-contained with the diagram as SVG, printable to PDF;
 * - `diagram.mmd`: the Mermaid flowchart (generators/mermaid);
 * - `docker-compose.yml`, `.env.example`, `config/<node-id>/...`, `README.md`: the starter stack
 *   (generators/stack);
 * - `asyncapi.yaml`, `openapi.yaml` (when the design has brokers, gateway routes) and
 *   `diagram.drawio` (generators/interop);
 * - `k8s/`: the Kubernetes manifests, a Kustomize base and dev/prod overlays (generators/k8s).
 */
export function generateBundle(doc: Topology, opts: BundleOptions = {}): OutputFile[] {
  return finishBundle(generateBundleParts(doc, BUNDLE_PARTS, opts));
}

export interface BundleOptions {
  /** `validate(doc)`'s findings when the caller has them already (the app checks every edit), so they are not computed again. */
  checks?: Diagnostic[];
}

/**
 * The bundle's four parts, each made by its own generators from the one resolved model: a caller
 * may make them apart (the CLI makes the stack and Kubernetes on a second thread for a large
 * design) and put them together with `finishBundle`.
 */
export type BundlePart = 'document' | 'stack' | 'interop' | 'kubernetes';
export const BUNDLE_PARTS: readonly BundlePart[] = ['document', 'stack', 'interop', 'kubernetes'];

/** The files of the given parts of the bundle, in no order (`finishBundle` checks and sorts them). */
export function generateBundleParts(doc: Topology, parts: readonly BundlePart[], opts: BundleOptions = {}): OutputFile[] {
  // One resolved model of the design (credentials typed into it replaced by their variables),
  // read by every generator; the checks are those of the design as drawn.
  const model = outputModel(doc);
  const files: OutputFile[] = [];
  for (const part of parts) {
    switch (part) {
      case 'document': {
        const checks = opts.checks ?? designChecks(doc);
        const markdown = generateIntegrationDoc(model, checks);
        files.push(
          { path: 'INTEGRATION.md', content: ensureNewline(markdown) },
          { path: 'INTEGRATION.html', content: ensureNewline(generateIntegrationHtml(model, checks, markdown)) },
          { path: 'diagram.mmd', content: ensureNewline(generateMermaid(model)) },
        );
        break;
      }
      case 'stack':
        files.push(...generateStack(model));
        break;
      case 'interop':
        files.push(...interopFiles(model));
        break;
      case 'kubernetes':
        files.push(...generateKubernetes(model));
        break;
    }
  }
  return files;
}

/** The files of all parts as one bundle: sorted by path; two generators writing one path is a bug. */
export function finishBundle(files: OutputFile[]): OutputFile[] {
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`Two generators produced ${f.path}`);
    seen.add(f.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function ensureNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}
