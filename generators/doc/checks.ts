import type { Diagnostic, Topology } from '../../shared/model/types';
import { validate } from '../../shared/validation';

/** The design's validation findings, for the "Design checks" section. */
export function designChecks(doc: Topology): Diagnostic[] {
  return validate(doc);
}
