import type { Topology } from '../../shared/model/types';
import type { ResolvedDesign } from '../../shared/resolve';
import type { KindId } from '../../shared/catalog';
import { outputModel } from '../output-model';
import { KIND_MODULES } from '../kinds';
import type { OutputFile } from '../types';
import { K8sContext } from './context';
import { kustomizeFiles } from './kustomize';
import { networkPolicies } from './policies';
import { scalePlan } from './scale';

export { scalePlan, availabilityOf, TPS_PER_REPLICA, HPA_CPU_PERCENT, HPA_MAX_REPLICAS } from './scale';
export type { ScalePlan, ScaleItem } from './scale';
export type { K8sFacet, K8sObject, EnvEntry, SecretRef, CdcSource } from './types';
export { K8sContext } from './context';
export { OPERATORS, COMPONENT_LABEL } from './platform';

/**
 * The Kubernetes target: a Kustomize base (one file per component, its NetworkPolicies, Secrets
 * generated from env files that are not committed) and `dev` and `prod` overlays, under `k8s/`.
 * A pure function of the resolved model: same design, same bytes. Each kind's module says what
 * it becomes (`generators/kinds/<id>/k8s.ts`); this file only assembles. A credential typed
 * into the design (a setting, a label) is replaced by its `${VARIABLE}` first, as every
 * generator does, so it reaches no name or value (a resolved model given here is taken as it is:
 * resolve the redacted design).
 */
export function generateKubernetes(design: Topology | ResolvedDesign): OutputFile[] {
  const resolved = outputModel(design);
  const ctx = new K8sContext(resolved, (c) => KIND_MODULES[c.kind.id as KindId].k8s);
  for (const c of resolved.components) {
    if (!c.containerised) continue;
    ctx.facet(c).objects?.(ctx, c);
  }
  const policies = networkPolicies(ctx);
  return kustomizeFiles(ctx, policies, scalePlan(resolved));
}
