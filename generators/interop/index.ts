import type { Topology } from '../../shared/model/types';
import type { ResolvedDesign } from '../../shared/resolve';
import { outputModel } from '../output-model';
import type { OutputFile } from '../types';
import { generateAsyncApi, hasMessaging } from './asyncapi';
import { generateDrawio } from './drawio';
import { gatewayRoutes, generateOpenApi } from './openapi';

/**
 * Interoperability: exports to AsyncAPI, OpenAPI and draw.io, and imports from docker-compose
 * and Mermaid flowcharts. See docs/interop.md.
 */

export { generateAsyncApi } from './asyncapi';
export { generateOpenApi, gatewayRoutes } from './openapi';
export { generateDrawio, xmlAttr } from './drawio';
export { importCompose, importComposeModel } from './compose';
export type { ImportResult, ImportComposeOptions } from './compose';
export { importMermaid, importMermaidModel } from './mermaid';
export type { ImportMermaidOptions } from './mermaid';
export { IMPORT_CODES, importNotes } from './codes';

/**
 * The interop files of the bundle: `asyncapi.yaml` when the design has a broker, `openapi.yaml`
 * when a gateway has routes, and `diagram.drawio` always. Pure and deterministic; positions come
 * from the design's layout (call `withLayout` from `shared/layout` first for ELK's layout of
 * components that have none).
 */
export function interopFiles(design: Topology | ResolvedDesign): OutputFile[] {
  const doc = outputModel(design);
  const files: OutputFile[] = [];
  if (hasMessaging(doc)) files.push({ path: 'asyncapi.yaml', content: generateAsyncApi(doc) });
  if (gatewayRoutes(doc).length > 0) files.push({ path: 'openapi.yaml', content: generateOpenApi(doc) });
  files.push({ path: 'diagram.drawio', content: generateDrawio(doc) });
  return files;
}
