import { isMap, isScalar, parseDocument } from 'yaml';
import { compatibleProtocols, defaultProtocol, flowOf, getKind, KINDS } from '../../shared/catalog';
import type { KindDef } from '../../shared/catalog';
import { withLayout } from '../../shared/layout';
import { makeId } from '../../shared/model/ids';
import { LIMITS } from '../../shared/model/limits';
import type { Diagnostic, Group, Protocol, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { emptyTopology, OBSERVABILITY_PROTOCOLS } from '../../shared/model/types';
import { importDiagnostic } from './codes';

/**
 * docker-compose → design. Each service becomes a component: its kind from a `topoforge.kind`
 * label, Topoforge's own comment (`# Orders API (REST service)`), or its image (Kafka, Postgres,
 * Keycloak …); unknown images become generic services (`rest-service` when they publish an
 * HTTP-ish port, else `worker`) that keep the image. Connections come from `depends_on`, `links`
 * and environment values naming another service (URLs, host:port, bootstrap servers, JDBC URLs,
 * DSNs), drawn the way data flows (producer → broker → consumer, caller → callee) with the
 * catalog's protocol. Networks become zones. Init jobs, exporters and other helpers of a service
 * are folded into it. The result is laid out with `autoLayout`.
 */

export interface ImportResult {
  doc: Topology;
  diagnostics: Diagnostic[];
}

export interface ImportComposeOptions {
  /** Design name; default "Imported from docker-compose". */
  name?: string;
  /** Lay the design out (default true). */
  layout?: boolean;
}

/** Image repository patterns → catalog kind, first match wins (`null`: no catalog kind). */
const IMAGE_KINDS: Array<[RegExp, string | null, string?]> = [
  [/(^|\/)cp-kafka-rest$|(^|\/)kafka-rest(-proxy)?$/, 'rest-service', 'Confluent REST Proxy'],
  [/(^|\/)cp-enterprise-control-center$|control-center|(^|\/)kafka-ui$|(^|\/)akhq$|(^|\/)kafdrop$|redpanda-?console|conduktor/, 'web-app', 'Kafka UI'],
  [/(^|\/)cp-ksqldb-server$|ksqldb-server|ksql-server/, 'flink', 'ksqlDB server (a stream processor)'],
  [/(^|\/)cp-schema-registry$|schema-registry|apicurio-registry|karapace/, 'schema-registry'],
  [/debezium\/connect|(^|\/)cp-kafka-connect(-base)?$|(^|\/)cp-server-connect(-base)?$|kafka-connect/, 'debezium', 'Kafka Connect'],
  [/(^|\/)cp-zookeeper$|(^|\/)zookeeper$/, null, 'ZooKeeper'],
  [/(^|\/)cp-kafka$|(^|\/)cp-server$|bitnami\/kafka$|apache\/kafka(-native)?$|wurstmeister\/kafka$|(^|\/)kafka$|redpandadata\/redpanda$|vectorized\/redpanda$/, 'kafka'],
  [/(^|\/)rabbitmq$|bitnami\/rabbitmq$/, 'rabbitmq'],
  [/(^|\/)nats(-streaming)?$/, 'nats'],
  [/eclipse-mosquitto$|(^|\/)mosquitto$|emqx|hivemq|vernemq/, 'mqtt-broker'],
  [/ibm-messaging\/mq$|ibmcom\/mq$/, 'ibm-mq'],
  [/postgis|(^|\/)postgres(ql)?$|timescaledb|bitnami\/postgresql$|supabase\/postgres$/, 'postgres'],
  [/(^|\/)mysql(-server)?$|(^|\/)mariadb$|percona-server$|(^|\/)percona$/, 'mysql'],
  [/(^|\/)mongo(db)?(-community-server)?$|bitnami\/mongodb$/, 'mongodb'],
  [/(^|\/)redis(-stack(-server)?)?$|bitnami\/redis$|valkey|keydb/, 'redis'],
  [/elasticsearch\/elasticsearch$|(^|\/)elasticsearch$|opensearchproject\/opensearch$|(^|\/)opensearch$/, 'elasticsearch'],
  [/clickhouse-server$|(^|\/)clickhouse$/, 'clickhouse'],
  [/minio\/minio$|(^|\/)minio$|bitnami\/minio$|localstack\/localstack$|seaweedfs/, 'object-storage'],
  [/(^|\/)kong$|kong-gateway$|kong\/kong$/, 'kong'],
  [/(^|\/)nginx$|nginx-unprivileged$|(^|\/)openresty$|bitnami\/nginx$/, 'nginx'],
  [/envoyproxy\/envoy(-[a-z]+)?$|(^|\/)envoy$/, 'envoy'],
  [/prom\/prometheus$|(^|\/)prometheus$|bitnami\/prometheus$/, 'prometheus'],
  [/grafana\/grafana(-oss|-enterprise)?$|(^|\/)grafana$/, 'grafana'],
  [/jaegertracing\/(all-in-one|jaeger)/, 'jaeger'],
  [/opentelemetry-collector|otelcol/, 'otel-collector'],
  [/keycloak/, 'keycloak'],
  [/(^|\/)vault$/, 'vault'],
  [/(^|\/)flink$|apache\/flink$/, 'flink'],
  [/atmoz\/sftp$|(^|\/)sftp$|sftpgo/, 'sftp-server'],
];

/** Kinds that read from a broker unless the environment says they write to it. */
const CONSUMER_KINDS = new Set(['worker', 'batch-job', 'flink', 'clickhouse']);
const BROKER_PROTOCOL: Record<string, Protocol> = { kafka: 'kafka', rabbitmq: 'amqp', 'mqtt-broker': 'mqtt', nats: 'nats', 'ibm-mq': 'jms', 'sftp-server': 'sftp' };
/** Suffixes of helper services (`<service>-<suffix>`) that serve another service. */
const HELPER_SUFFIXES = ['init', 'setup', 'register', 'registration', 'migrate', 'migrations', 'seed', 'exporter', 'taskmanager', 'bootstrap', 'create-topics', 'topics', 'config', 'provision'];
const HTTPISH = (p: number) => p === 80 || p === 443 || p === 3000 || p === 4000 || p === 5000 || p === 5173 || (p >= 8000 && p <= 8999) || p === 9000 || p === 9090;

const SCHEME_PROTOCOL: Record<string, Protocol> = {
  http: 'http',
  https: 'http',
  ws: 'websocket',
  wss: 'websocket',
  grpc: 'grpc',
  grpcs: 'grpc',
  amqp: 'amqp',
  amqps: 'amqp',
  mqtt: 'mqtt',
  mqtts: 'mqtt',
  nats: 'nats',
  redis: 'redis',
  rediss: 'redis',
  mongodb: 'mongodb',
  'mongodb+srv': 'mongodb',
  postgres: 'sql',
  postgresql: 'sql',
  mysql: 'sql',
  mariadb: 'sql',
  clickhouse: 'sql',
  sqlserver: 'sql',
  s3: 's3',
  sftp: 'sftp',
  plaintext: 'kafka',
  ssl: 'kafka',
  sasl_plaintext: 'kafka',
  sasl_ssl: 'kafka',
  kafka: 'kafka',
};

interface Service {
  name: string;
  raw: Record<string, unknown>;
  image: string;
  repo: string;
  comment?: string;
  labels: Record<string, string>;
  env: Array<[string, string]>;
  networks: string[];
  ports: Array<{ host: number | null; container: number }>;
  dependsOn: string[];
  links: string[];
  /** For helpers: the service they serve. */
  helperOf?: string;
}

function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function repoOf(image: string): string {
  const noDigest = image.split('@')[0]!.toLowerCase();
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

function envOf(v: unknown): Array<[string, string]> {
  if (Array.isArray(v)) {
    return v.map((x) => scalarText(x)).filter(Boolean).map((s) => {
      const i = s.indexOf('=');
      return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
    });
  }
  return Object.entries(record(v)).map(([k, x]) => [k, scalarText(x)]);
}

function keysOrItems(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(scalarText).filter(Boolean);
  return Object.keys(record(v));
}

function portsOf(v: unknown, exposed: unknown): Service['ports'] {
  const out: Service['ports'] = [];
  for (const p of Array.isArray(v) ? v : []) {
    if (p && typeof p === 'object') {
      const o = p as Record<string, unknown>;
      const c = Number(o.target);
      const h = o.published === undefined ? null : Number(String(o.published).split('-')[0]);
      if (Number.isInteger(c)) out.push({ container: c, host: h !== null && Number.isInteger(h) ? h : null });
      continue;
    }
    const s = scalarText(p).replace(/\/(tcp|udp)$/, '');
    const parts = s.split(':');
    const c = Number(parts[parts.length - 1]!.split('-')[0]);
    const h = parts.length >= 2 ? Number(parts[parts.length - 2]!.split('-')[0]) : NaN;
    if (Number.isInteger(c)) out.push({ container: c, host: Number.isInteger(h) ? h : null });
  }
  for (const p of Array.isArray(exposed) ? exposed : []) {
    const c = Number(scalarText(p).split('/')[0]);
    if (Number.isInteger(c)) out.push({ container: c, host: null });
  }
  return out;
}

/** Refuses input that would make the YAML library work too hard (deep flow nesting, huge files). */
function tooDeep(text: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\n') quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') {
      if (++depth > LIMITS.maxDepth) return true;
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return /^( {400,})\S/m.test(text);
}

/** Hostnames named in an environment value: URLs (with credentials stripped), host:port lists, JDBC URLs. */
function hostsIn(key: string, value: string): Array<{ host: string; scheme?: string }> {
  const out: Array<{ host: string; scheme?: string }> = [];
  const hostish = /HOST|ADDR|SERVER|BROKER|ENDPOINT|URL|URI|CONNECT|DSN|UPSTREAM|TARGET/i.test(key);
  for (const token0 of value.split(/[\s,;]+/)) {
    let token = token0.replace(/^["'(]+|["')]+$/g, '');
    if (!token) continue;
    let scheme: string | undefined;
    const m = /^(?:jdbc:)?([A-Za-z][A-Za-z0-9+._-]*):\/\//.exec(token);
    if (m) {
      scheme = m[1]!.toLowerCase();
      token = token.slice(m[0].length);
    } else if (!/:\d+($|\/)/.test(token) && !hostish) continue;
    token = token.replace(/^[^/?#]*@/, '');
    const host = /^\[?([A-Za-z0-9._-]+)\]?/.exec(token)?.[1];
    if (host) out.push({ host: host.toLowerCase(), ...(scheme ? { scheme } : {}) });
  }
  return out;
}

interface Ref {
  target: string;
  strong: boolean;
  protocol?: Protocol;
  /** From the environment only (no depends_on/links). */
  envOnly: boolean;
}

/** Produce/consume flags a service's environment declares (Topoforge's own names, and common ones). */
function flowHints(env: Array<[string, string]>): { produce: Set<string>; consume: Set<string> } {
  const produce = new Set<string>();
  const consume = new Set<string>();
  // Topoforge's stacks name a server's variables after it (<SERVER>_PRODUCE_TOPICS) and list
  // <protocol>:<SERVER> of every connection in TOPOFORGE_CONNECTIONS: the exact family.
  const byPrefix = new Map<string, string>();
  for (const c of (env.find(([k]) => k === 'TOPOFORGE_CONNECTIONS')?.[1] ?? '').split(',')) {
    const [protocol, prefix] = c.trim().split(':');
    if (protocol && prefix) byPrefix.set(`${prefix}_`, protocol === 'jms' ? 'jms' : protocol);
  }
  for (const [k0, v] of env) {
    if (!v) continue;
    const k = k0.toUpperCase();
    const own = [...byPrefix].find(([prefix]) => k.startsWith(prefix))?.[1];
    const family = own ?? (/^TOPICS_|KAFKA/.test(k) ? 'kafka' : /^AMQP|RABBIT/.test(k) ? 'amqp' : /^MQTT/.test(k) ? 'mqtt' : /^NATS/.test(k) ? 'nats' : /^MQ_|JMS/.test(k) ? 'jms' : '*');
    if (/PRODUCE|PUBLISH|PUT_QUEUE|OUTPUT_TOPIC|SINK_TOPIC/.test(k) || k === 'MQTT_TOPIC') produce.add(family);
    if (/CONSUME|SUBSCRIBE|GET_QUEUE|INPUT_TOPIC|SOURCE_TOPIC|GROUP_ID|CONSUMER_GROUP/.test(k)) consume.add(family);
  }
  return { produce, consume };
}

function kindFromComment(comment: string | undefined): { kind: KindDef; label: string } | undefined {
  if (!comment) return undefined;
  const m = /^\s*(.*\S)\s+\(([^()]+)\)\s*$/.exec(comment.split('\n').pop() ?? '');
  if (!m) return undefined;
  const kind = KINDS.find((k) => k.name === m[2]);
  return kind ? { kind, label: m[1]! } : undefined;
}

export async function importCompose(yamlText: string, opts: ImportComposeOptions = {}): Promise<ImportResult> {
  const model = importComposeModel(yamlText, opts);
  if (opts.layout === false || model.doc.nodes.length === 0) return model;
  return { doc: await withLayout(model.doc), diagnostics: model.diagnostics };
}

/** The import without the layout step (synchronous). */
export function importComposeModel(yamlText: string, opts: ImportComposeOptions = {}): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const doc = emptyTopology(opts.name ?? 'Imported from docker-compose');
  doc.description = 'Imported from a docker-compose file by Topoforge.';
  const fail = (message: string, hint: string, line?: number): ImportResult => {
    diagnostics.push(importDiagnostic('TF601', { message, hint, ...(line ? { line } : {}) }));
    return { doc, diagnostics };
  };
  if (typeof yamlText !== 'string' || yamlText.length > LIMITS.maxFileChars) {
    return fail(`The compose file is too large (more than ${LIMITS.maxFileChars / 1024 / 1024} MB).`, 'Check that this is a docker-compose file.');
  }
  if (tooDeep(yamlText)) return fail('The compose file is nested too deeply to be a docker-compose file.', 'Check that this is a docker-compose file.');
  const ydoc = parseDocument(yamlText, { uniqueKeys: false, prettyErrors: false, strict: false });
  if (ydoc.errors.length > 0) {
    const e = ydoc.errors[0]!;
    return fail(`The compose file is not valid YAML: ${e.message.split('\n')[0]}`, 'Fix the YAML (docker compose config shows the same error), then import again.', e.linePos?.[0]?.line);
  }
  let data: unknown;
  try {
    data = ydoc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch {
    return fail('The compose file uses too many YAML aliases.', `At most ${LIMITS.maxAliasCount} aliases are expanded; write the repeated parts out.`);
  }
  const top = record(data);
  const servicesRaw = record(top.services);
  if (Object.keys(servicesRaw).length === 0) {
    return fail('This file has no `services:` section, so it is not a docker-compose file with anything to import.', 'Import a docker-compose.yml (or compose.yaml) that lists services.');
  }

  // Comments Topoforge writes above each service: "<label> (<kind name>)".
  const comments = new Map<string, string>();
  const svcNode = ydoc.get('services', true);
  if (isMap(svcNode)) {
    svcNode.items.forEach((pair, i) => {
      if (!isScalar(pair.key)) return;
      const c = pair.key.commentBefore ?? (i === 0 ? svcNode.commentBefore : undefined);
      if (c) comments.set(String(pair.key.value), c);
    });
  }

  const services: Service[] = [];
  for (const [name, v] of Object.entries(servicesRaw)) {
    const raw = record(v);
    const image = scalarText(raw.image);
    const labels: Record<string, string> = {};
    if (Array.isArray(raw.labels)) {
      for (const l of raw.labels.map(scalarText)) {
        const i = l.indexOf('=');
        if (i > 0) labels[l.slice(0, i)] = l.slice(i + 1);
      }
    } else for (const [k, x] of Object.entries(record(raw.labels))) labels[k] = scalarText(x);
    services.push({
      name,
      raw,
      image,
      repo: repoOf(image),
      comment: comments.get(name),
      labels,
      env: envOf(raw.environment),
      networks: keysOrItems(raw.networks),
      ports: portsOf(raw.ports, raw.expose),
      dependsOn: keysOrItems(raw.depends_on),
      links: keysOrItems(raw.links).map((l) => l.split(':')[0]!),
    });
  }
  const byName = new Map(services.map((s) => [s.name, s]));

  // Helpers: marked by a label, or named <service>-<suffix> and one-shot, the same image, or an exporter.
  const exporterImages = new Set(KINDS.flatMap((k) => (k.exporter ? [repoOf(k.exporter.image)] : [])));
  for (const s of services) {
    const role = s.labels['topoforge.role'];
    const of = s.labels['topoforge.node'];
    if (role && role !== 'main' && of) {
      const main = services.find((x) => x !== s && (x.labels['topoforge.node'] === of && (x.labels['topoforge.role'] ?? 'main') === 'main'));
      if (main) s.helperOf = main.name;
      continue;
    }
    const owner = services
      .filter((x) => x !== s && s.name.startsWith(`${x.name}-`))
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (!owner) continue;
    const suffix = s.name.slice(owner.name.length + 1).replace(/-\d+$/, '');
    const oneShot = scalarText(s.raw.restart) === 'no' || s.raw.restart === false;
    const sameImage = s.repo !== '' && s.repo === owner.repo;
    const exporter = exporterImages.has(s.repo) || /exporter/.test(s.repo);
    if (HELPER_SUFFIXES.includes(suffix) && (oneShot || sameImage || exporter)) s.helperOf = owner.name;
  }
  const mainOf = (name: string): string | undefined => {
    let s = byName.get(name);
    for (let i = 0; s?.helperOf && i < 10; i++) s = byName.get(s.helperOf);
    return s?.name;
  };
  for (const s of services.filter((x) => x.helperOf)) {
    diagnostics.push(
      importDiagnostic('TF604', {
        message: `Service \`${s.name}\` looks like a helper of \`${mainOf(s.name)}\` (an init job, exporter or sidecar) and is part of that component rather than one of its own.`,
        hint: 'Topoforge adds such helpers itself when it generates the stack.',
      }),
    );
  }

  // Hostnames by which other services reach each one.
  const hostOf = new Map<string, string>();
  for (const s of services) {
    const names = [s.name, scalarText(s.raw.hostname), scalarText(s.raw.container_name)];
    for (const n of Object.values(record(s.raw.networks))) for (const a of Array.isArray(record(n).aliases) ? (record(n).aliases as unknown[]) : []) names.push(scalarText(a));
    for (const n of names) if (n && !hostOf.has(n.toLowerCase())) hostOf.set(n.toLowerCase(), s.name);
  }

  // Components.
  const mains = services.filter((s) => !s.helperOf);
  const taken = new Set<string>();
  const idOf = new Map<string, string>();
  const kindOf = new Map<string, KindDef>();
  const defaultNetworks = new Set(['default']);
  const zoneIdOf = new Map<string, string>();
  const zoneIds = new Set<string>();
  const groups: Group[] = [];
  const zoneFor = (net: string): string => {
    let z = zoneIdOf.get(net);
    if (!z) {
      const label = net.replace(/^zone-/, '') || net;
      z = makeId(label, (id) => zoneIds.has(id));
      zoneIds.add(z);
      zoneIdOf.set(net, z);
      groups.push({ id: z, label, kind: 'network' });
    }
    return z;
  };
  const nodes: TopoNode[] = [];
  const explicitPorts = new Set<string>();
  for (const s of mains) {
    const wanted = s.labels['topoforge.node'];
    const id = makeId(wanted && /^[a-z][a-z0-9-]*$/.test(wanted) ? wanted : s.name, (x) => taken.has(x) || zoneIds.has(x));
    taken.add(id);
    idOf.set(s.name, id);
    const fromLabel = getKind(s.labels['topoforge.kind'] ?? '');
    const fromComment = kindFromComment(s.comment);
    let kind: KindDef | undefined = fromLabel ?? fromComment?.kind;
    let label = s.labels['topoforge.label'] || (fromLabel ? undefined : fromComment?.label) || s.name;
    const props: Record<string, unknown> = {};
    if (!kind) {
      const hit = IMAGE_KINDS.find(([re]) => re.test(s.repo));
      if (hit && hit[1]) {
        kind = getKind(hit[1]);
        if (hit[2]) {
          diagnostics.push(
            importDiagnostic('TF603', {
              message: `Service \`${s.name}\` (${s.image}) is a ${hit[2]}; it was imported as a ${kind!.name}, the closest kind in the catalog.`,
              hint: 'Change its kind in the inspector if another fits better.',
              nodes: [id],
            }),
          );
        }
      } else {
        const http = s.ports.some((p) => HTTPISH(p.container));
        kind = getKind(http ? 'rest-service' : 'worker');
        const what = hit ? hit[2]! : s.image ? `the image ${s.image}` : 'no image (it is built from source)';
        diagnostics.push(
          importDiagnostic('TF603', {
            message: `Service \`${s.name}\` has ${hit ? `${what}, which has no kind in the catalog` : what === 'no image (it is built from source)' ? what : `${what}, which Topoforge does not recognise`}; it was imported as a generic ${kind!.name}${s.image ? ' that keeps the image' : ''}.`,
            hint: 'Pick its kind in the inspector; the image stays in its settings.',
            nodes: [id],
          }),
        );
      }
      if (kind && s.image && kind.props.some((p) => p.key === 'image') && !fromLabel && !fromComment) {
        const def = kind.props.find((p) => p.key === 'image')!;
        if (!def.pattern || new RegExp(def.pattern).test(s.image)) props.image = s.image;
      }
    }
    kindOf.set(s.name, kind!);
    // Published ports that differ from the catalog's defaults become the component's port settings.
    const published = s.ports.filter((p) => p.host !== null);
    for (const p of published) {
      const def = kind!.ports?.find((d) => d.container === p.container && d.prop);
      if (def) {
        if (def.host !== p.host) props[def.prop!] = p.host;
      } else if (kind!.ports && published.length === 1 && kind!.ports[0]!.prop) {
        // Another port inside the container than the catalog's (ksqlDB as Flink): keep the host port.
        if (kind!.ports[0]!.host !== p.host) props[kind!.ports[0]!.prop] = p.host;
      } else if (!kind!.ports && kind!.props.some((d) => d.key === 'port') && published[0] === p) {
        const d = kind!.props.find((x) => x.key === 'port')!;
        if (p.container !== d.default) props.port = p.container;
      }
    }
    if (published.length > 0 || (!kind!.ports && s.ports.length > 0)) explicitPorts.add(id);
    // Zone: the network it lives on (for several, the first that is not only there to reach a server).
    const nets = s.networks.filter((n) => !defaultNetworks.has(n));
    let group: string | undefined;
    if (s.labels['topoforge.zone']) group = zoneFor(s.labels['topoforge.zone']);
    else if (nets.length > 0) group = zoneFor(nets[0]!);
    if (label.trim() === '') label = s.name;
    nodes.push({ id, kind: kind!.id, label, ...(group ? { group } : {}), props });
  }
  // Zones: when a service is on several networks, prefer one that its servers are not on.
  const groupBy = new Map(nodes.map((n) => [n.id, n.group]));
  for (const s of mains) {
    const nets = s.networks.filter((n) => !defaultNetworks.has(n));
    if (s.labels['topoforge.zone'] || nets.length < 2) continue;
    const servers = [...s.dependsOn, ...s.links].map(mainOf).filter((x): x is string => !!x && x !== s.name);
    const serverNets = new Set(servers.filter((x) => byName.get(x)!.networks.length === 1).flatMap((x) => byName.get(x)!.networks));
    const own = nets.find((n) => !serverNets.has(n));
    if (own) groupBy.set(idOf.get(s.name)!, zoneFor(own));
  }
  for (const n of nodes) {
    const g = groupBy.get(n.id);
    if (g) n.group = g;
  }
  doc.groups = groups.filter((g) => nodes.some((n) => n.group === g.id));
  // Host ports: the stack publishes each component's ports. Ports the file published are kept;
  // every other component gets its default, or the next free port when another already has it.
  const used = new Set<number>();
  const hostPorts = (n: TopoNode): Array<{ prop: string; port: number }> => {
    const k = getKind(n.kind)!;
    if (k.ports) return k.ports.filter((p) => p.prop && p.host !== null).map((p) => ({ prop: p.prop!, port: typeof n.props[p.prop!] === 'number' ? (n.props[p.prop!] as number) : p.host! }));
    const def = k.props.find((d) => d.key === 'port');
    if (!def || k.id === 'iot-device' || k.external) return [];
    return [{ prop: 'port', port: typeof n.props.port === 'number' ? n.props.port : (def.default as number) }];
  };
  for (const n of nodes) if (explicitPorts.has(n.id)) for (const h of hostPorts(n)) used.add(h.port);
  for (const n of nodes) {
    if (explicitPorts.has(n.id)) continue;
    for (const h of hostPorts(n)) {
      let port = h.port;
      while (used.has(port) && port < 65535) port++;
      used.add(port);
      if (port !== h.port) n.props[h.prop] = port;
    }
  }
  doc.nodes = nodes;

  // References between services (helpers speak for their main service).
  const refs = new Map<string, Ref[]>();
  const addRef = (from: string, to: string, r: Omit<Ref, 'target'>) => {
    const a = mainOf(from);
    const b = mainOf(to);
    if (!a || !b || a === b) return;
    const list = refs.get(a) ?? [];
    const existing = list.find((x) => x.target === b);
    if (existing) {
      existing.strong ||= r.strong;
      existing.envOnly &&= r.envOnly;
      existing.protocol ??= r.protocol;
    } else list.push({ target: b, ...r });
    refs.set(a, list);
  };
  for (const s of services) {
    // Helpers' own dependencies are their main service's business (an init job waits for its broker).
    if (s.helperOf) continue;
    for (const d of s.dependsOn) {
      if (!byName.has(d)) {
        diagnostics.push(importDiagnostic('TF608', { message: `Service \`${s.name}\` depends on \`${d}\`, which is not in the file.`, hint: 'The dependency was left out.', nodes: [idOf.get(s.name)!] }));
        continue;
      }
      addRef(s.name, d, { strong: true, envOnly: false });
    }
    for (const l of s.links) if (byName.has(l)) addRef(s.name, l, { strong: true, envOnly: false });
    for (const [k, v] of s.env) {
      for (const h of hostsIn(k, v)) {
        const target = hostOf.get(h.host);
        if (!target) continue;
        const otlp = /OTEL|OTLP/i.test(k);
        const targetKind = kindOf.get(mainOf(target) ?? '')?.id;
        let protocol: Protocol | undefined = otlp ? 'otlp' : h.scheme ? SCHEME_PROTOCOL[h.scheme] : /ADDRESS$/i.test(k) && targetKind === 'grpc-service' ? 'grpc' : undefined;
        // A GraphQL endpoint is reached over HTTP; its path tells it apart.
        if (protocol === 'http' && targetKind === 'graphql-service' && /\/graphql\b/i.test(v)) protocol = 'graphql';
        addRef(s.name, target, { strong: false, envOnly: true, ...(protocol ? { protocol } : {}) });
      }
    }
  }

  // Connections, drawn the way data flows.
  const edges: TopoEdge[] = [];
  const have = new Set<string>();
  const push = (from: string, to: string, protocol: Protocol | undefined, s: Service, t: Service) => {
    const key = `${from}>${to}>${protocol ?? ''}`;
    if (have.has(key)) return;
    have.add(key);
    const a = kindOf.get(s.name)!;
    const b = kindOf.get(t.name)!;
    if (!protocol) {
      diagnostics.push(
        importDiagnostic('TF605', {
          message: `\`${s.name}\` (${a.name}) uses \`${t.name}\` (${b.name}), but the catalog has no protocol between these kinds; the connection was kept without one.`,
          hint: 'Change the kind of one end, or delete the connection.',
          nodes: [from, to],
          edges: [`${from}->${to}`],
        }),
      );
    }
    edges.push({ from, to, ...(protocol ? { protocol } : {}), props: {} });
  };
  const brokersOfClient = (name: string) => (refs.get(name) ?? []).map((r) => r.target).filter((t) => BROKER_PROTOCOL[kindOf.get(t)!.id]);
  for (const s of mains) {
    const hints = flowHints(s.env);
    for (const r of refs.get(s.name) ?? []) {
      const t = byName.get(r.target)!;
      const a = kindOf.get(s.name)!;
      const b = kindOf.get(t.name)!;
      const A = idOf.get(s.name)!;
      const B = idOf.get(t.name)!;
      // A Kafka client is handed its registry's URL by convention; the registry is drawn on the broker.
      if (r.envOnly && b.id === 'schema-registry' && brokersOfClient(s.name).some((k) => (refs.get(t.name) ?? []).some((x) => x.target === k))) continue;
      const fwd = compatibleProtocols(a, b);
      const back = compatibleProtocols(b, a);
      const pick = (options: Protocol[], from: KindDef, to: KindDef): Protocol | undefined =>
        r.protocol && options.includes(r.protocol) ? r.protocol : defaultProtocol(from, to) ?? options[0];
      // Observability: drawn from the source of the telemetry to its sink. Whoever depends on the
      // other opens the connection: it sends OTLP, or it reads metrics (Prometheus, Grafana).
      const obsOptions = (['otlp', 'metrics'] as Protocol[]).filter((p) => fwd.includes(p) || back.includes(p));
      if (obsOptions.length > 0 && (!r.protocol || OBSERVABILITY_PROTOCOLS.includes(r.protocol)) && (fwd.every((x) => OBSERVABILITY_PROTOCOLS.includes(x)) || r.protocol)) {
        const sourceOf = (p: Protocol): Service => {
          const f = fwd.includes(p) ? flowOf(a, b, p) : flowOf(b, a, p);
          return fwd.includes(p) ? (f.source === 'from' ? s : t) : f.source === 'from' ? t : s;
        };
        const fits = (p: Protocol) => (p === 'otlp' ? sourceOf(p) === s : sourceOf(p) === t);
        const obs = (r.protocol && obsOptions.includes(r.protocol) ? r.protocol : undefined) ?? obsOptions.find(fits) ?? obsOptions[0]!;
        const src = sourceOf(obs);
        const dst = src === s ? t : s;
        push(idOf.get(src.name)!, idOf.get(dst.name)!, obs, src, dst);
        continue;
      }
      const brokerP = BROKER_PROTOCOL[b.id] ?? BROKER_PROTOCOL[a.id];
      if (brokerP && (BROKER_PROTOCOL[b.id] ? !BROKER_PROTOCOL[a.id] : true)) {
        // One end is a broker: the client produces, consumes, or both.
        const clientIsS = !!BROKER_PROTOCOL[b.id];
        const client = clientIsS ? s : t;
        const broker = clientIsS ? t : s;
        const ck = kindOf.get(client.name)!;
        const bk = kindOf.get(broker.name)!;
        const ch = clientIsS ? hints : flowHints(client.env);
        const fam = BROKER_PROTOCOL[bk.id]!;
        const canProduce = compatibleProtocols(ck, bk).includes(fam);
        const canConsume = compatibleProtocols(bk, ck).includes(fam);
        let produce = canProduce && (ch.produce.has(fam) || ch.produce.has('*'));
        let consume = canConsume && (ch.consume.has(fam) || ch.consume.has('*'));
        if (!produce && !consume) {
          if (canConsume && (CONSUMER_KINDS.has(ck.id) || !canProduce)) consume = true;
          else if (canProduce) produce = true;
        }
        if (produce) push(idOf.get(client.name)!, idOf.get(broker.name)!, fam, client, broker);
        if (consume) push(idOf.get(broker.name)!, idOf.get(client.name)!, fam, broker, client);
        if (produce || consume) continue;
      }
      if (fwd.length > 0) push(A, B, pick(fwd, a, b), s, t);
      else if (back.length > 0) push(B, A, pick(back, b, a), t, s);
      else push(A, B, undefined, s, t);
    }
  }
  doc.edges = edges;
  return { doc, diagnostics };
}
