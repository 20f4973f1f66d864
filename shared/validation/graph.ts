import type { Diagnostic } from '../model/types';
import type { Index } from './context';
import { messagingRules } from './rules/messaging';
import { pathRules } from './rules/paths';
import { secretRules } from './rules/secrets';
import { securityRules } from './rules/security';
import { structureRules } from './rules/structure';

/** The design-wide rules: rerun on every validation, each linear in the size of the design. */
export function graphRules(index: Index, out: Diagnostic[]): void {
  structureRules(index, out);
  messagingRules(index, out);
  pathRules(index, out);
  securityRules(index, out);
  secretRules(index, out);
}
