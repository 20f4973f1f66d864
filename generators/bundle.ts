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
  return bundleOf(doc, opts);
}

export interface BundleOptions {
  /** `validate(doc)`'s findings when the caller has them already (the app checks every edit), so they are not computed again. */
  checks?: Diagnostic[];
}

function bundleOf(doc: Topology, opts: BundleOptions): OutputFile[] {
  // One resolved model of the design (credentials typed into it replaced by their variables),
  // read by every generator; the checks are those of the design as drawn.
  const model = outputModel(doc);
  const checks = opts.checks ?? designChecks(doc);
  const markdown = generateIntegrationDoc(model, checks);
  const files: OutputFile[] = [
    { path: 'INTEGRATION.md', content: ensureNewline(markdown) },
    { path: 'INTEGRATION.html', content: ensureNewline(generateIntegrationHtml(model, checks, markdown)) },
    { path: 'diagram.mmd', content: ensureNewline(generateMermaid(model)) },
    ...generateStack(model),
    ...interopFiles(model),
    ...generateKubernetes(model),
  ];
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
