import { compatibleProtocols, getKind } from '../../shared/catalog';
import type { Diagnostic, Protocol, TopoNode, Topology } from '../../shared/model/types';
import { checkConnection, createValidator } from '../../shared/validation';

/** The design checks, as the renderer uses them: one incremental validator, and the verdict on a connection being drawn. */

/** A validator that reuses per-node and per-edge results between runs (documents are immutable). */
export function makeValidator(): (doc: Topology) => Diagnostic[] {
  const v = createValidator();
  return (doc) => v.validate(doc);
}

export interface ConnectionVerdict {
  ok: boolean;
  /** The protocol the connection carries (the catalog default when the ends share several). */
  protocol?: Protocol;
  /** Why not, in validation's words (the same sentence the Problems list would show). */
  message?: string;
  hint?: string;
}

function sentence(s: string): string {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** Whether `from -> to` can be drawn, and over which protocol; when not, why, in validation's words. */
export function judgeConnection(from: TopoNode, to: TopoNode): ConnectionVerdict {
  if (from.id === to.id) return { ok: false, message: `${from.label || from.id} can't be connected to itself.` };
  if (!getKind(from.kind) || !getKind(to.kind)) {
    return { ok: false, message: `${!getKind(from.kind) ? from.label : to.label} has an unknown kind, so it can't be connected.` };
  }
  const r = checkConnection(from, to);
  const err = r.problems.find((p) => p.severity === 'error');
  if (r.ok && r.protocol) return { ok: true, protocol: r.protocol };
  return { ok: false, message: sentence(err?.message ?? `${from.label} can't send to ${to.label}`), hint: err?.hint };
}

/** The protocols `from -> to` can carry without an error, in the target's order of preference. */
export function viableProtocols(from: TopoNode, to: TopoNode): Protocol[] {
  const F = getKind(from.kind);
  const T = getKind(to.kind);
  if (!F || !T) return [];
  return compatibleProtocols(F, T).filter((p) => checkConnection(from, to, p).ok);
}
