import type { KindId } from '../../shared/catalog';
import type { Component } from '../../shared/resolve';
import type { StackContext } from '../stack/context';
import type { K8sFacet } from '../k8s/types';

/**
 * A kind's behaviour in the generators, in one module per kind (as Excalidraw registers actions
 * and tldraw registers shape utils): what it adds to the starter stack, and later what it says
 * in the document and what it becomes on Kubernetes. Cross-cutting generators ask the module of
 * a component's kind instead of naming kinds themselves. Per-kind *facts* (ports, roles, image,
 * credentials, metrics) are fields of the catalog entry in `shared/catalog/kinds.ts`.
 *
 * Every member is required (a kind with nothing to add says `null`), so that a kind added to the
 * catalog without its module, or a module missing an answer, is a type error.
 */
export interface KindModule {
  readonly id: KindId;
  /** Its compose service(s) and config files; `null` for kinds the stack does not run (external). */
  readonly stack: ((ctx: StackContext, c: Component) => void) | null;
  /** What it becomes on Kubernetes: its objects, its clients' environment (`generators/k8s/`). */
  readonly k8s: K8sFacet;
}
