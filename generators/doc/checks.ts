import type { Diagnostic, Topology } from '../../shared/model/types';

/**
 * The design's validation findings for the "Design checks" section, or `undefined` while
 * validation (shared/validation) is not available to the generator.
 */
export function designChecks(_doc: Topology): Diagnostic[] | undefined {
  return undefined;
}
