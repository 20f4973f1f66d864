import type { KindDef } from '../../shared/catalog';
import { compatibleProtocols, getKind } from '../../shared/catalog';
import type { Diagnostic, TopoEdge, TopoNode, Topology } from '../../shared/model/types';

/**
 * The design checks, as the renderer uses them. Validation (`shared/validation`) is written by
 * another engineer at the same time; it is picked up when its module exists and the app shows
 * the file's own findings until then.
 */

type ValidateFn = (doc: Topology) => Diagnostic[];
interface ValidationModule {
  validate?: ValidateFn;
  createValidator?: () => { validate: ValidateFn };
}
interface EdgeRulesModule {
  edgeLocal?: (edge: TopoEdge, from: TopoNode | undefined, to: TopoNode | undefined) => { protocol: unknown; diags: { message: string; hint: string; code: string }[] };
}

const indexMods = import.meta.glob<ValidationModule>('../../shared/validation/index.ts', { eager: true });
const engineMods = import.meta.glob<ValidationModule>('../../shared/validation/engine.ts', { eager: true });
const edgeMods = import.meta.glob<EdgeRulesModule>('../../shared/validation/edgeRules.ts', { eager: true });

const indexMod = Object.values(indexMods)[0];
const engineMod = Object.values(engineMods)[0];
const edgeLocal = Object.values(edgeMods)[0]?.edgeLocal;

/** Whether the design checks are available (else only the file's own findings are shown). */
export const hasValidation = !!(indexMod?.createValidator || indexMod?.validate || engineMod?.createValidator);

/** A validator that reuses per-node results between runs (documents are immutable). */
export function makeValidator(): ValidateFn {
  const factory = indexMod?.createValidator ?? engineMod?.createValidator;
  if (factory) {
    const v = factory();
    return (doc) => v.validate(doc);
  }
  if (indexMod?.validate) return indexMod.validate;
  return () => [];
}

export interface ConnectionVerdict {
  ok: boolean;
  /** Why not, in validation's words. */
  message?: string;
  hint?: string;
}

/**
 * Whether `from -> to` can be drawn: some protocol fits the two ends. When not, the reason
 * comes from validation's edge rule, so the canvas and the Problems list say the same thing.
 */
export function judgeConnection(from: TopoNode, to: TopoNode): ConnectionVerdict {
  if (from.id === to.id) return { ok: false, message: `${from.label} can't be connected to itself.` };
  const F = getKind(from.kind);
  const T = getKind(to.kind);
  if (!F || !T) return { ok: false, message: `${!F ? from.label : to.label} has an unknown kind, so it can't be connected.` };
  if (compatibleProtocols(F, T).length > 0) return { ok: true };
  if (edgeLocal) {
    const r = edgeLocal({ from: from.id, to: to.id, props: {} }, from, to);
    const d = r.diags[0];
    if (d) return { ok: false, message: sentence(d.message), hint: d.hint };
  }
  return { ok: false, message: fallbackReason(from, to, F, T) };
}

function sentence(s: string): string {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

function fallbackReason(from: TopoNode, to: TopoNode, F: KindDef, T: KindDef): string {
  return `${from.label} (${F.name}) can't send to ${to.label} (${T.name}): they share no protocol.`;
}
