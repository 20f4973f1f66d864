import type { Topology } from '../shared/model/types';
import { resolve } from '../shared/resolve';
import type { ResolvedDesign } from '../shared/resolve';
import { redactSecrets } from '../shared/validation/rules/secrets';
import type { SecretFinding } from '../shared/validation/rules/secrets';

/**
 * What every generator reads: the resolved model of the design with the credentials typed into
 * it (TF509) replaced by their `${VARIABLE}` references, so no generated file holds a secret.
 * `generateBundle` makes it once and hands the same model to every generator; a generator
 * called on its own makes it from the design it is given. Resolved models are immutable, so a
 * result kept per model (the Mermaid diagram the document embeds) is never stale.
 */

const redactions = new WeakMap<ResolvedDesign, readonly SecretFinding[]>();

/** The output model of `design`; a model made here is returned as it is. */
export function outputModel(design: Topology | ResolvedDesign): ResolvedDesign {
  const given = isResolved(design) ? design : undefined;
  if (given && redactions.has(given)) return given;
  const { doc, found } = redactSecrets(given ? given.doc : (design as Topology));
  const r = resolve(doc);
  redactions.set(r, found);
  return r;
}

/** The credentials `outputModel` replaced, with the variables that now stand for them. */
export function redactedSecrets(model: ResolvedDesign): readonly SecretFinding[] {
  return redactions.get(model) ?? [];
}

export function isResolved(x: Topology | ResolvedDesign): x is ResolvedDesign {
  return 'components' in x && 'flows' in x;
}

/** `compute(model)`, once per output model (for results several files share). */
export function perModel<T>(cache: WeakMap<ResolvedDesign, T>, model: ResolvedDesign, compute: (m: ResolvedDesign) => T): T {
  let v = cache.get(model);
  if (v === undefined) cache.set(model, (v = compute(model)));
  return v;
}
