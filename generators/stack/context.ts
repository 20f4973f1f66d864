import type { Protocol, Topology } from '../../shared/model/types';
import type { HealthCheck, Role } from '../../shared/catalog';
import { resolve } from '../../shared/resolve';
import type { Component, Flow, ResolvedDesign } from '../../shared/resolve';
import type { OutputFile } from '../types';
import { EnvRegistry } from './env';

/** A component of the design as the stack generator sees it: the resolved model's component. */
export type RNode = Component;

/** A connection with both ends known, its protocol resolved and its props checked: the resolved model's flow. */
export type REdge = Flow;

export type Condition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface PortReq {
  container: number;
  /** Wanted host port; null: not published. */
  host: number | null;
  name: string;
  protocol?: 'tcp' | 'udp';
  /** Bind address on the host, e.g. 127.0.0.1 for admin ports. */
  hostIp?: string;
}

export interface Bind {
  /** Path inside the bundle, e.g. `config/kong/kong.yml` (a file the generator writes) or a folder. */
  source: string;
  target: string;
  readOnly?: boolean;
}

export interface ServiceSpec {
  name: string;
  /** The design node it belongs to. */
  node: string;
  /** What it is, for the README. */
  description: string;
  image: string;
  entrypoint?: string[];
  command?: string[];
  environment: Record<string, string>;
  ports: PortReq[];
  binds: Bind[];
  /** Named volumes: volume name -> mount path. */
  volumes: Array<{ name: string; target: string }>;
  healthcheck?: HealthCheck;
  /** One-shot services run to completion and are not restarted. */
  oneShot?: boolean;
  /** Dependencies this service needs whatever the edges say (e.g. an init job on its broker). */
  needs: Array<{ service: string; condition?: Condition }>;
  /** Sidecars and one-shots share the networks of the service they serve. */
  attachedTo?: string;
  /** A one-shot the clients of its node wait for (topics, buckets, streams created). */
  gate?: boolean;
  capAdd?: string[];
  user?: string;
}

export const CONTAINERISED = (n: RNode): boolean => !n.kind.external;

export class StackContext {
  readonly doc: Topology;
  /** The resolved design everything here is read from. */
  readonly resolved: ResolvedDesign;
  readonly nodes: RNode[] = [];
  readonly edges: REdge[] = [];
  readonly env = new EnvRegistry();
  readonly services = new Map<string, ServiceSpec>();
  readonly files = new Map<string, OutputFile>();
  /** Sentences for the README: what was adjusted, left out or needs a hand. */
  readonly notes: string[] = [];
  /** Settings that were not valid and were replaced by their defaults. */
  readonly ignored: string[] = [];
  /** Extra network connections: client service -> server service. */
  readonly links: Array<{ client: string; server: string }> = [];
  private readonly byId = new Map<string, RNode>();
  private readonly edgeById = new Map<string, REdge>();
  private readonly reserved = new Set<string>();

  constructor(design: Topology | ResolvedDesign) {
    const r = 'components' in design && 'flows' in design ? (design as ResolvedDesign) : resolve(design as Topology);
    this.resolved = r;
    this.doc = r.doc;
    this.notes.push(...r.notes);
    this.ignored.push(...r.ignored);
    for (const c of r.components) {
      this.nodes.push(c);
      this.byId.set(c.id, c);
      if (CONTAINERISED(c)) this.reserved.add(c.id);
    }
    this.edges.push(...r.flows);
  }

  node(id: string): RNode | undefined {
    return this.byId.get(id);
  }

  edge(id: string): REdge | undefined {
    if (this.edgeById.size !== this.edges.length) for (const e of this.edges) this.edgeById.set(e.id, e);
    return this.edgeById.get(id);
  }

  /** Components with the given role. */
  withRole(role: Role): RNode[] {
    return this.nodes.filter((n) => n.roles.includes(role));
  }

  /** Edges leaving `n` (drawn from it), optionally of the given protocols. */
  edgesFrom(n: RNode, protocols?: readonly Protocol[]): REdge[] {
    return withProtocols(this.indexed().from.get(n) ?? [], protocols);
  }

  edgesTo(n: RNode, protocols?: readonly Protocol[]): REdge[] {
    return withProtocols(this.indexed().to.get(n) ?? [], protocols);
  }

  /** Edges touching `n`, either end, in design order. */
  edgesAt(n: RNode, protocols?: readonly Protocol[]): REdge[] {
    return withProtocols(this.indexed().at.get(n) ?? [], protocols);
  }

  // Edges per node, built on first use (so per-node questions cost the node's degree, not the
  // whole edge list) and rebuilt if the edge list changed.
  private index: { count: number; from: Map<RNode, REdge[]>; to: Map<RNode, REdge[]>; at: Map<RNode, REdge[]> } | undefined;

  private indexed(): { from: Map<RNode, REdge[]>; to: Map<RNode, REdge[]>; at: Map<RNode, REdge[]> } {
    if (this.index && this.index.count === this.edges.length) return this.index;
    const from = new Map<RNode, REdge[]>();
    const to = new Map<RNode, REdge[]>();
    const at = new Map<RNode, REdge[]>();
    const put = (m: Map<RNode, REdge[]>, n: RNode, e: REdge) => {
      const list = m.get(n);
      if (list) list.push(e);
      else m.set(n, [e]);
    };
    for (const e of this.edges) {
      put(from, e.from, e);
      put(to, e.to, e);
      put(at, e.from, e);
      if (e.to !== e.from) put(at, e.to, e);
    }
    this.index = { count: this.edges.length, from, to, at };
    return this.index;
  }

  /** The other end of an edge. */
  other(e: REdge, n: RNode): RNode {
    return e.from === n ? e.to : e.from;
  }

  /** Components linked to `n` by any edge (those `test` accepts). */
  linked(n: RNode, test: (o: RNode) => boolean = () => true): RNode[] {
    const out: RNode[] = [];
    for (const e of this.edgesAt(n)) {
      const o = this.other(e, n);
      if (test(o) && !out.includes(o)) out.push(o);
    }
    return out;
  }

  /** The port `n` listens on inside the stack network. */
  internalPort(n: RNode): number {
    return n.listenPort;
  }

  /** A service name not used by any node nor any service so far, derived from `base`. */
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

  link(client: string, server: string): void {
    this.links.push({ client, server });
  }
}

/** A fresh list of the edges, only those of the given protocols when there are some. */
function withProtocols(edges: readonly REdge[], protocols: readonly Protocol[] | undefined): REdge[] {
  return protocols ? edges.filter((e) => e.protocol !== undefined && protocols.includes(e.protocol)) : edges.slice();
}

/** For an edge: which end opens the connection (client) and which one serves it (from the resolved model). */
export function connectionOf(e: REdge): { client: RNode; server: RNode } | undefined {
  return e.client && e.server ? { client: e.client, server: e.server } : undefined;
}

/** For an edge: which end must wait for the other before it starts (undefined: neither). A scraper does not wait for its targets. */
export function dependencyOf(e: REdge): { dependent: RNode; dependency: RNode } | undefined {
  if (!e.client || !e.server || e.kind === 'scrape') return undefined;
  return { dependent: e.client, dependency: e.server };
}

/** A test for `linked`: components with role `r`. */
export const hasRole = (r: Role) => (n: RNode): boolean => n.roles.includes(r);

/** A test for `linked`: components that host protocol `p` (brokers, file and object servers). */
export const hosts = (p: Protocol) => (n: RNode): boolean => (n.kind.hosts ?? []).includes(p);
