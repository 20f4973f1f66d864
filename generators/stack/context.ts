import type { Protocol, TopoNode, Topology } from '../../shared/model/types';
import { PROTOCOLS, MESSAGING_PROTOCOLS, SYNC_PROTOCOLS, ID_PATTERN, MAX_ID_LENGTH } from '../../shared/model/types';
import { edgeIds } from '../../shared/model/ids';
import { defaultProtocol, edgePropDefs, flowOf, getKind } from '../../shared/catalog';
import type { HealthCheck, KindDef } from '../../shared/catalog';
import type { OutputFile } from '../types';
import { EnvRegistry } from './env';
import { cleanProps, num } from './props';
import type { Props } from './props';
import { oneLine } from './text';

/** A node of the design as the stack generator sees it: known kind, props checked. */
export interface RNode {
  id: string;
  kind: KindDef;
  props: Props;
  /** The user's label, on one line, for comments and the README (escape again per format). */
  label: string;
  group?: string;
  index: number;
}

/** An edge with both ends known, its protocol resolved and its props checked. */
export interface REdge {
  id: string;
  index: number;
  from: RNode;
  to: RNode;
  protocol?: Protocol;
  props: Props;
  /** Data-flow source and sink (observability links may be drawn either way). */
  source: RNode;
  sink: RNode;
}

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

/** Kinds whose container other components connect to for the given protocol (the "server" end). */
const BROKER_KINDS = new Set(['kafka', 'rabbitmq', 'nats', 'mqtt-broker', 'ibm-mq']);

export class StackContext {
  readonly doc: Topology;
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

  constructor(doc: Topology) {
    this.doc = doc;
    const report = (m: string) => this.ignored.push(m);
    const groupIds = new Set((Array.isArray(doc.groups) ? doc.groups : []).map((g) => g?.id).filter((g): g is string => typeof g === 'string' && ID_PATTERN.test(g)));
    (Array.isArray(doc.nodes) ? doc.nodes : []).forEach((n: TopoNode, index) => {
      if (!n || typeof n.id !== 'string' || !ID_PATTERN.test(n.id) || n.id.length > MAX_ID_LENGTH) {
        this.notes.push(`A node with the id ${JSON.stringify(oneLine(n?.id, 40))} was left out: ids are lower-case letters, digits and dashes.`);
        return;
      }
      if (this.byId.has(n.id)) {
        this.notes.push(`A second node with the id \`${n.id}\` was left out: ids must be unique.`);
        return;
      }
      const kind = getKind(n.kind);
      if (!kind) {
        this.notes.push(`Node \`${n.id}\` has an unknown kind ${JSON.stringify(oneLine(n.kind, 40))} and was left out.`);
        return;
      }
      const r: RNode = {
        id: n.id,
        kind,
        props: cleanProps(kind.props, n.props, `Node ${n.id}`, report),
        label: oneLine(n.label ?? n.id) || n.id,
        group: typeof n.group === 'string' && groupIds.has(n.group) ? n.group : undefined,
        index,
      };
      this.nodes.push(r);
      this.byId.set(r.id, r);
      if (CONTAINERISED(r)) this.reserved.add(r.id);
    });
    const rawEdges = Array.isArray(doc.edges) ? doc.edges.filter((e) => e && typeof e === 'object') : [];
    const ids = edgeIds(rawEdges);
    rawEdges.forEach((e, index) => {
      const from = this.byId.get(String(e?.from));
      const to = this.byId.get(String(e?.to));
      const id = ids[index]!;
      if (!from || !to) {
        this.notes.push(`The connection ${JSON.stringify(oneLine(id, 80))} was left out: one of its ends is not in the design.`);
        return;
      }
      const protocol = e.protocol && (PROTOCOLS as readonly string[]).includes(e.protocol) ? e.protocol : defaultProtocol(from.kind, to.kind);
      const flow = protocol ? flowOf(from.kind, to.kind, protocol) : { source: 'from' as const };
      this.edges.push({
        id,
        index,
        from,
        to,
        protocol,
        props: cleanProps(edgePropDefs(protocol), e.props, `Connection ${id}`, report),
        source: flow.source === 'from' ? from : to,
        sink: flow.source === 'from' ? to : from,
      });
    });
  }

  node(id: string): RNode | undefined {
    return this.byId.get(id);
  }

  edge(id: string): REdge | undefined {
    if (this.edgeById.size !== this.edges.length) for (const e of this.edges) this.edgeById.set(e.id, e);
    return this.edgeById.get(id);
  }

  ofKind(...kinds: string[]): RNode[] {
    return this.nodes.filter((n) => kinds.includes(n.kind.id));
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

  /** Nodes of the given kinds linked to `n` by any edge. */
  linked(n: RNode, ...kinds: string[]): RNode[] {
    const out: RNode[] = [];
    for (const e of this.edgesAt(n)) {
      const o = this.other(e, n);
      if (kinds.includes(o.kind.id) && !out.includes(o)) out.push(o);
    }
    return out;
  }

  /** The port `n` listens on inside the stack network. */
  internalPort(n: RNode): number {
    if (n.kind.ports && n.kind.ports.length > 0) return n.kind.ports[0]!.container;
    const p = num(n.props, 'port');
    return p > 0 ? p : 8080;
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

/** For an edge: which end opens the connection (client) and which one serves it. */
export function connectionOf(e: REdge): { client: RNode; server: RNode } | undefined {
  const p = e.protocol;
  if (!p) return undefined;
  if (SYNC_PROTOCOLS.includes(p)) return { client: e.from, server: e.to };
  if (MESSAGING_PROTOCOLS.includes(p)) {
    if (BROKER_KINDS.has(e.to.kind.id)) return { client: e.from, server: e.to };
    if (BROKER_KINDS.has(e.from.kind.id)) return { client: e.to, server: e.from };
    return { client: e.from, server: e.to };
  }
  switch (p) {
    case 'sql':
    case 'mongodb':
    case 'redis':
      return { client: e.from, server: e.to };
    case 'cdc':
      return { client: e.to, server: e.from };
    case 's3':
      return e.from.kind.id === 'object-storage' ? { client: e.to, server: e.from } : { client: e.from, server: e.to };
    case 'sftp':
      return e.from.kind.id === 'sftp-server' ? { client: e.to, server: e.from } : { client: e.from, server: e.to };
    case 'otlp':
      return { client: e.source, server: e.sink };
    case 'metrics':
      // Prometheus scrapes (opens the connection to) its targets; Grafana queries Prometheus.
      if (e.sink.kind.id === 'grafana') return { client: e.sink, server: e.source };
      return { client: e.sink, server: e.source };
    default:
      return undefined;
  }
}

/** For an edge: which end must wait for the other before it starts (undefined: neither). */
export function dependencyOf(e: REdge): { dependent: RNode; dependency: RNode } | undefined {
  const c = connectionOf(e);
  if (!c) return undefined;
  if (e.protocol === 'metrics' && c.client.kind.id !== 'grafana') return undefined;
  return { dependent: c.client, dependency: c.server };
}
