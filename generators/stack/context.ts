import type { Protocol, Topology } from '../../shared/model/types';
import type { HealthCheck, Role } from '../../shared/catalog';
import { resolve } from '../../shared/resolve';
import type { Component, Flow, ResolvedDesign } from '../../shared/resolve';
import type { OutputFile } from '../types';
import type { EnvValue } from '../kinds/env';
import { EnvRegistry } from './env';

/** A component of the design as the stack generator sees it: the resolved model's component. */
export type RNode = Component;

/** A connection with both ends known, its protocol resolved and its props checked: the resolved model's flow. */
export type REdge = Flow;

export type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface Bind {
  /** Path inside the bundle, e.g. `config/kong/kong.yml` (a file the generator writes) or a folder. */
  source: string;
  target: string;
  readOnly?: boolean;
}

export interface ServiceSpec {
  /** Its service name (and host name on the stack's networks). */
  name: string;
  /** The component it belongs to ('' for none). */
  node: string;
  /** What it is, for the README. */
  description: string;
  image: string;
  entrypoint?: string[];
  command?: string[];
  environment: Record<string, EnvValue>;
  /** The component's main service publishes the component's resolved ports; helpers publish none. */
  publishes: boolean;
  binds: Bind[];
  /** Named volumes: volume name -> mount path. */
  volumes: Array<{ name: string; target: string }>;
  healthcheck?: HealthCheck;
  /** One-shot services run to completion and are not restarted. */
  oneShot?: boolean;
  /** Dependencies this service needs whatever the connections say (e.g. an init job on its broker). */
  needs: Array<{ service: string; condition?: Condition }>;
  /** Sidecars and one-shots share the networks of the service they serve. */
  attachedTo?: string;
  /** A one-shot the clients of its component wait for (topics, buckets, streams created). */
  gate?: boolean;
  capAdd?: string[];
  user?: string;
}

export const CONTAINERISED = (n: RNode): boolean => n.containerised;

export class StackContext {
  readonly doc: Topology;
  /** The resolved design everything here is read from. */
  readonly resolved: ResolvedDesign;
  readonly nodes: readonly RNode[];
  readonly edges: readonly REdge[];
  readonly env: EnvRegistry;
  readonly services = new Map<string, ServiceSpec>();
  readonly files = new Map<string, OutputFile>();
  /** Sentences for the README: what was adjusted, left out or needs a hand. */
  readonly notes: string[] = [];
  /** Settings that were not valid and were replaced by their defaults. */
  readonly ignored: string[] = [];
  private readonly byId = new Map<string, RNode>();
  private readonly reserved = new Set<string>();

  constructor(design: Topology | ResolvedDesign) {
    const r = 'components' in design && 'flows' in design ? (design as ResolvedDesign) : resolve(design as Topology);
    this.resolved = r;
    this.doc = r.doc;
    this.notes.push(...r.notes);
    for (const g of r.gateways) this.notes.push(...g.skipped);
    this.ignored.push(...r.ignored);
    this.nodes = r.components;
    this.edges = r.flows;
    for (const c of r.components) {
      this.byId.set(c.id, c);
      if (c.containerised) this.reserved.add(c.service);
    }
    this.env = new EnvRegistry(r);
  }

  node(id: string): RNode | undefined {
    return this.byId.get(id);
  }

  /** Components with the given role. */
  withRole(role: Role): RNode[] {
    return this.nodes.filter((n) => n.roles.includes(role));
  }

  /** Connections drawn from `n`, optionally of the given protocols. */
  edgesFrom(n: RNode, protocols?: readonly Protocol[]): REdge[] {
    return withProtocols(n.out, protocols);
  }

  edgesTo(n: RNode, protocols?: readonly Protocol[]): REdge[] {
    return withProtocols(n.in, protocols);
  }

  /** Connections touching `n`, either end, in design order. */
  edgesAt(n: RNode, protocols?: readonly Protocol[]): REdge[] {
    return withProtocols(n.at, protocols);
  }

  /** The other end of a connection. */
  other(e: REdge, n: RNode): RNode {
    return e.from === n ? e.to : e.from;
  }

  /** Components linked to `n` by any connection (those `test` accepts). */
  linked(n: RNode, test: (o: RNode) => boolean = () => true): RNode[] {
    const out: RNode[] = [];
    for (const e of n.at) {
      const o = this.other(e, n);
      if (test(o) && !out.includes(o)) out.push(o);
    }
    return out;
  }

  /** A service name not used by any component nor any service so far, derived from `base`. */
  serviceName(base: string): string {
    let name = base;
    for (let i = 2; this.reserved.has(name) || this.services.has(name); i++) name = `${base}-${i}`;
    this.reserved.add(name);
    return name;
  }

  addService(spec: ServiceSpec): ServiceSpec {
    this.services.set(spec.name, spec);
    return spec;
  }

  addFile(path: string, content: string, mode?: number): string {
    this.files.set(path, mode === undefined ? { path, content } : { path, content, mode });
    return path;
  }

  /** The notes so far, for `note` to skip repeats without a scan (kept in step with `notes`). */
  private noted: { count: number; texts: Set<string> } | undefined;

  note(text: string): void {
    if (!this.noted || this.noted.count !== this.notes.length) this.noted = { count: this.notes.length, texts: new Set(this.notes) };
    if (this.noted.texts.has(text)) return;
    this.notes.push(text);
    this.noted.texts.add(text);
    this.noted.count = this.notes.length;
  }
}

/** A fresh list of the connections, only those of the given protocols when there are some. */
function withProtocols(edges: readonly REdge[], protocols: readonly Protocol[] | undefined): REdge[] {
  return protocols ? edges.filter((e) => e.protocol !== undefined && protocols.includes(e.protocol)) : edges.slice();
}

/** For a connection: which end must wait for the other before it starts (undefined: neither). A scraper does not wait for its targets. */
export function dependencyOf(e: REdge): { dependent: RNode; dependency: RNode } | undefined {
  if (!e.client || !e.server || e.kind === 'scrape') return undefined;
  return { dependent: e.client, dependency: e.server };
}

/** A test for `linked`: components with role `r`. */
export const hasRole = (r: Role) => (n: RNode): boolean => n.roles.includes(r);

/** A test for `linked`: components that host protocol `p` (brokers, file and object servers). */
export const hosts = (p: Protocol) => (n: RNode): boolean => (n.kind.hosts ?? []).includes(p);
