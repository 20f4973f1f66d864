import type { KindId } from '../../shared/catalog';
import type { Component } from '../../shared/resolve';
import type { StackContext } from '../stack/context';
import type { K8sFacet } from '../k8s/types';
import type { ExporterSettings, RequestMetrics } from '../stack/observability';
import type { ClientEnvFacet } from './env';

/**
 * A kind's behaviour in the generators, in one module per kind (as Excalidraw registers actions
 * and tldraw registers shape utils): what it adds to the starter stack, the environment its
 * clients get, and later what it says in the document and what it becomes on Kubernetes.
 * Cross-cutting generators ask the module of a component's kind instead of naming kinds
 * themselves. Per-kind *facts* (ports, roles, image, credentials, metrics) are fields of the
 * catalog entry in `shared/catalog/kinds.ts`.
 *
 * Every member is required (a kind with nothing to add says `null`), so that a kind added to the
 * catalog without its module, or a module missing an answer, is a type error.
 */
export interface KindModule {
  readonly id: KindId;
  /** What it adds to the starter stack (`generators/stack/`). */
  readonly stack: StackFacet;
  /**
   * The environment a component gets to reach it over a connection (a pure function of the
   * resolved model, shared by the compose stack and Kubernetes); `null` when nothing connects to it.
   */
  readonly clientEnv: ClientEnvFacet | null;
  /** What it becomes on Kubernetes: its objects, its clients' environment (`generators/k8s/`). */
  readonly k8s: K8sFacet;
}

/** A kind's part of the starter stack. */
export interface StackFacet {
  /** Its compose service(s) and config files; `null` for kinds the stack does not run (external). */
  readonly services: ((ctx: StackContext, c: Component) => void) | null;
  /** Settings of the exporter the stack runs beside it when it is scraped (kinds with a catalog `exporter`). */
  readonly exporter: ((ctx: StackContext, c: Component) => ExporterSettings) | null;
  /** The metric selectors its endpoint reports requests with (for request alerts and dashboards); `null`: none. */
  readonly requestMetrics: ((job: string) => RequestMetrics) | null;
  /** For a kind the stack does not run: what the README tells the user to configure for it. */
  readonly outside: string | null;
}

export type { ClientEnvFacet, ClientLink } from './env';
