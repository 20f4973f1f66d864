import { compatibleProtocols, defaultProtocol, flowOf, getKind, KINDS, PROTOCOL_NAMES } from '../../shared/catalog';
import type { KindDef } from '../../shared/catalog';
import type { ProductHint } from '../../shared/catalog/import-hints';
import { withLayout } from '../../shared/layout';
import { makeId } from '../../shared/model/ids';
import type { Diagnostic, Group, Protocol, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { emptyTopology, OBSERVABILITY_PROTOCOLS, SYNC_PROTOCOLS } from '../../shared/model/types';
import { importDiagnostic } from './codes';
import type { ComposeService } from './composeRead';
import { readCompose } from './composeRead';
import type { Meaning } from './hints';
import { brokerProtocol, hintsOf, imageRepo, isBroker, kindForRole, readClientEnv, readCommand, readHealthcheck, readImage, readName, readPort, readScheme, readServerEnv, roleOf, servedProtocol, viable, words } from './hints';

/**
 * docker-compose → design. Each service becomes a component whose kind comes from, in order: a
 * `topoforge.kind` label or Topoforge's own comment; the image; else the evidence in the file
 * (the service's name, host name and build folder, its command, its own settings, how the others
 * address it, its ports), all read with the per-kind table in `shared/catalog/import-hints.ts`;
 * else a generic service chosen from what it does (answers HTTP, reads from brokers …), listed as
 * undecided. Helpers (init jobs, exporters, task managers, toolboxes) fold into the component
 * they serve. Connections come from `depends_on`, `links`, environment values and command
 * arguments that name another service; their protocol comes from evidence (URL scheme, variable
 * name, the server's kind) or from what the catalog says the two kinds share, and they are drawn
 * the way data flows. Networks become zones. Whatever was guessed is said in the diagnostics.
 */

export interface ImportResult {
  doc: Topology;
  /** What the user should know about the import: errors (nothing imported), and notes on guesses. */
  diagnostics: Diagnostic[];
}

export interface ImportComposeOptions {
  /** Design name; default "Imported from docker-compose". */
  name?: string;
  /** Lay the design out (default true). */
  layout?: boolean;
}

/** Schemes that name a protocol rather than a product. */
const SCHEME_PROTOCOL: Record<string, Protocol> = { http: 'http', https: 'http', ws: 'websocket', wss: 'websocket', grpc: 'grpc', grpcs: 'grpc', 'dns+grpc': 'grpc' };
/** Words of a helper container's name (`kafka-init`, `setup`, `app-healthy`, `temporal-admin-tools`). */
const HELPER_WORDS = new Set([
  'init', 'setup', 'register', 'registration', 'migrate', 'migration', 'migrations', 'seed', 'seeder', 'bootstrap', 'provision', 'provisioner', 'topics', 'create',
  'createbuckets', 'buckets', 'config', 'configure', 'configurator', 'wait', 'waiter', 'healthy', 'healthcheck', 'ready', 'genkeys', 'keys', 'certs', 'cert', 'tools',
  'tool', 'cli', 'shell', 'toolbox', 'exporter', 'taskmanager', 'sidecar', 'loader', 'importer', 'upgrade', 'install', 'installer',
]);
/** Images of small utility containers: when one only serves another service, it is that service's helper. */
const TOOL_IMAGE = /(^|\/)(alpine|busybox|curl|curlimages\/curl|bash|ubuntu|debian|jq|dockerize|wait-for-it|wget)$|^alpine\//;
/** Words saying which way a broker client writes or reads. */
const PRODUCER_WORDS = new Set(['producer', 'producers', 'generator', 'publisher', 'emitter', 'loadgen', 'datagen', 'simulator', 'source', 'sender', 'device', 'devices', 'sensor', 'sensors']);
const CONSUMER_WORDS = new Set(['consumer', 'consumers', 'sink', 'subscriber', 'listener', 'reader', 'indexer', 'archiver']);
const BOTH_WORDS = new Set(['processor', 'processors', 'processing', 'stream', 'streams', 'transformer', 'aggregator', 'enricher']);
/** Words of a client that moves messages from one place to another: from the broker named first. */
const BRIDGE_WORDS = new Set(['bridge', 'connector', 'relay', 'forwarder', 'router', 'sink']);

/** Protocols a client calls a server over (besides the API protocols). */
const REQUEST_PROTOCOLS: ReadonlySet<Protocol> = new Set<Protocol>(['sql', 'mongodb', 'redis', 's3']);

/** A reference from one service to another. */
interface Ref {
  target: string;
  /** `guess`: drawn though no reference says it (a proxy publishing the target's port, a dashboard's only source). */
  via: 'env' | 'command' | 'depends' | 'link' | 'guess';
  key: string;
  scheme?: string;
  port?: number;
  path?: string;
}

/** Host names in an environment value or a command: URLs (credentials stripped), host:port lists, JDBC URLs; bare names for host-like variables. */
function hostsIn(value: string, bare: boolean): Array<{ host: string; scheme?: string; port?: number; path?: string }> {
  const out: Array<{ host: string; scheme?: string; port?: number; path?: string }> = [];
  for (const token0 of value.split(/[\s,;]+/)) {
    let token = token0.replace(/^["'(]+|["')]+$/g, '').replace(/^-{1,2}[\w.-]+=/, '');
    if (!token) continue;
    let scheme: string | undefined;
    const m = /^(?:jdbc:)?([A-Za-z][A-Za-z0-9+._-]*):\/\//.exec(token);
    if (m) {
      scheme = m[1]!.toLowerCase();
      token = token.slice(m[0].length);
    } else if (!/^[^/:]+:\d+($|\/)/.test(token) && !bare) continue;
    token = token.replace(/^[^/?#]*@/, '');
    const hp = /^\[?([A-Za-z0-9._-]+)\]?(?::(\d+))?(\/[^?#]*)?/.exec(token);
    if (!hp) continue;
    out.push({ host: hp[1]!.toLowerCase(), ...(scheme ? { scheme } : {}), ...(hp[2] ? { port: Number(hp[2]) } : {}), ...(hp[3] ? { path: hp[3] } : {}) });
  }
  return out;
}

const HOSTISH_KEY = /HOST|ADDR|SERVER|BROKER|ENDPOINT|URL|URI|CONNECT|DSN|UPSTREAM|TARGET|SEEDS|NODES|PEERS/i;

/** Produce/consume flags a client's environment and name declare, per protocol family ('*' for any). */
function flowHints(s: ComposeService): { produce: Set<string>; consume: Set<string> } {
  const produce = new Set<string>();
  const consume = new Set<string>();
  // Topoforge's stacks name a server's variables after it (<SERVER>_PRODUCE_TOPICS) and list
  // <protocol>:<SERVER> of every connection in TOPOFORGE_CONNECTIONS: the exact family.
  const byPrefix = new Map<string, string>();
  for (const c of (s.env.find(([k]) => k === 'TOPOFORGE_CONNECTIONS')?.[1] ?? '').split(',')) {
    const [protocol, prefix] = c.trim().split(':');
    if (protocol && prefix) byPrefix.set(`${prefix}_`, protocol);
  }
  for (const [k0, v] of s.env) {
    if (!v) continue;
    const k = k0.toUpperCase();
    const own = [...byPrefix].find(([prefix]) => k.startsWith(prefix))?.[1];
    const family = own ?? (/^TOPICS_|KAFKA/.test(k) ? 'kafka' : /^AMQP|RABBIT/.test(k) ? 'amqp' : /^MQTT/.test(k) ? 'mqtt' : /^NATS/.test(k) ? 'nats' : /^MQ_|JMS/.test(k) ? 'jms' : '*');
    if (/PRODUCE|PUBLISH|PUT_QUEUE|OUTPUT_TOPIC|SINK_TOPIC|OUT_TOPIC|TARGET_TOPIC/.test(k) || k === 'MQTT_TOPIC') produce.add(family);
    if (/CONSUME|SUBSCRIBE|GET_QUEUE|INPUT_TOPIC|SOURCE_TOPIC|IN_TOPIC|GROUP_ID|CONSUMER_GROUP/.test(k)) consume.add(family);
  }
  // Its settings say more than its name.
  if (produce.size > 0 || consume.size > 0) return { produce, consume };
  const ws = words(s.name);
  if (ws.some((w) => PRODUCER_WORDS.has(w)) || /generat|produc|publish/i.test(s.command)) produce.add('*');
  if (ws.some((w) => CONSUMER_WORDS.has(w))) consume.add('*');
  return { produce, consume };
}

function kindFromComment(comment: string | undefined): { kind: KindDef; label: string } | undefined {
  if (!comment) return undefined;
  const m = /^\s*(.*\S)\s+\(([^()]+)\)\s*$/.exec(comment.split('\n').pop() ?? '');
  if (!m) return undefined;
  const kind = KINDS.find((k) => k.name === m[2]);
  return kind ? { kind, label: m[1]! } : undefined;
}

/** A few names and "and N more", for notes about many services. */
function someNames(names: string[], max = 4): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  if (names.length <= max) return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `${shown.join(', ')} and ${names.length - max} more`;
}

/** Folders of a build that say nothing about what is built. */
const GENERIC_FOLDERS = new Set(['', '.', '..', 'docker', 'build', 'src', 'shared', 'services', 'service', 'app', 'apps', 'images', 'image', 'containers', 'container', 'deploy', 'infra', 'compose', 'dockerfile', 'dockerfiles', 'setup', 'config', 'dev', 'local']);

/** The meaningful folder of a build (`./docker/grafana` → `grafana`, `services/mqtt_broker/Dockerfile` → `mqtt_broker`). */
function buildName(build: ComposeService['build']): string {
  if (!build) return '';
  const parts = [...build.context.split(/[\\/]+/), ...build.dockerfile.split(/[\\/]+/).slice(0, -1)].filter((p) => !GENERIC_FOLDERS.has(p.toLowerCase()));
  return parts[parts.length - 1] ?? '';
}

interface Typing {
  kind: KindDef;
  /** How sure: exact (label, comment), product (image or strong evidence), closest, generic (from what it does), undecided. */
  how: 'exact' | 'product' | 'closest' | 'generic' | 'undecided';
  product?: ProductHint;
  /** A helper of a kind (ZooKeeper of Kafka …), folded into a component of that kind when there is one. */
  helperOf?: KindDef;
  /** Why, for the note. */
  why: string;
  label?: string;
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
  const read = readCompose(yamlText);
  if (!read.ok) {
    diagnostics.push(importDiagnostic('TF601', { message: read.message, hint: read.hint, ...(read.line ? { line: read.line } : {}) }));
    return { doc, diagnostics };
  }
  const services = read.services;
  const byName = new Map(services.map((s) => [s.name, s]));

  for (const s of services) {
    if (s.extendsFile) {
      diagnostics.push(importDiagnostic('TF609', { message: `Service \`${s.name}\` extends a service of \`${s.extendsFile}\`, which was not read; only what this file says about it was imported.`, hint: 'Import the combined file (docker compose config > combined.yml) to include it.' }));
    } else if (s.extendsMissing) {
      diagnostics.push(importDiagnostic('TF609', { message: `Service \`${s.name}\` extends \`${s.extendsMissing}\`, which is not in the file; only its own settings were imported.`, hint: 'Check the extends entry.' }));
    }
  }

  // Host names by which the services reach each other.
  const hostOf = new Map<string, string>();
  for (const s of services) for (const n of [s.name, s.hostname, s.containerName, ...s.aliases]) if (n && !hostOf.has(n.toLowerCase())) hostOf.set(n.toLowerCase(), s.name);

  // Services by their names without punctuation, for variable names (product_catalog → product-catalog, cart → cart-service).
  const serviceByKey = new Map<string, string>();
  for (const s of services) {
    for (const n of [s.name, s.containerName, s.hostname]) {
      if (!n) continue;
      const key = n.toLowerCase().replace(/[^a-z0-9]/g, '');
      for (const k of [key, key.replace(/(service|svc|server)$/, '')]) if (k && !serviceByKey.has(k)) serviceByKey.set(k, s.name);
    }
  }

  // References, before anything is typed.
  const refsOf = new Map<string, Ref[]>();
  for (const s of services) {
    const list: Ref[] = [];
    const add = (r: Ref) => {
      if (r.target !== s.name) list.push(r);
    };
    for (const [k, v] of s.env) {
      let named = false;
      for (const h of hostsIn(v, HOSTISH_KEY.test(k))) {
        const target = hostOf.get(h.host);
        if (target) {
          named = true;
          add({ target, via: 'env', key: k, ...(h.scheme ? { scheme: h.scheme } : {}), ...(h.port ? { port: h.port } : {}), ...(h.path ? { path: h.path } : {}) });
        }
      }
      // A variable whose value comes from elsewhere but whose name names a service: CART_ADDR, FLAGD_HOST, KAFKA_SERVICE_ADDR.
      const byKey = named ? undefined : /^(.+?)(?:_SERVICE)?_(ADDR|ADDRESS|HOST|HOSTNAME|URL|URI|ENDPOINT)$/i.exec(k);
      const target = byKey ? serviceByKey.get(byKey[1]!.toLowerCase().replace(/[^a-z0-9]/g, '')) : undefined;
      if (target) add({ target, via: 'env', key: k });
    }
    for (const h of hostsIn(s.command, false)) {
      const target = hostOf.get(h.host);
      if (target) add({ target, via: 'command', key: '', ...(h.scheme ? { scheme: h.scheme } : {}), ...(h.port ? { port: h.port } : {}), ...(h.path ? { path: h.path } : {}) });
    }
    for (const d of s.dependsOn) if (byName.has(d)) add({ target: d, via: 'depends', key: '' });
    for (const l of s.links) if (byName.has(l)) add({ target: l, via: 'link', key: '' });
    refsOf.set(s.name, list);
  }
  const inbound = new Map<string, Array<{ from: string; ref: Ref }>>();
  for (const [from, list] of refsOf) {
    for (const ref of list) {
      const into = inbound.get(ref.target);
      if (into) into.push({ from, ref });
      else inbound.set(ref.target, [{ from, ref }]);
    }
  }

  // ── Kinds ────────────────────────────────────────────────────────────────
  const exporterOf = (repo: string): KindDef | undefined => {
    return KINDS.find((k) => k.exporter !== undefined && imageRepo(k.exporter.image) === repo);
  };
  const typing = new Map<string, Typing>();
  /** The product each service's image names (a server run from its image), for telling servers from their clients. */
  const imageKinds = services.flatMap((x) => {
    const m = x.image ? readImage(x.repo, exporterOf) : undefined;
    return m && m.strength !== 'helper' ? [{ owner: x.name, kind: m.kind }] : [];
  });
  /** Product kinds from everything but the generic roles. */
  const typeProduct = (s: ComposeService): Typing | undefined => {
    const fromLabel = getKind(s.labels['topoforge.kind'] ?? '');
    if (fromLabel) return { kind: fromLabel, how: 'exact', why: 'its topoforge.kind label' };
    const fromComment = kindFromComment(s.comment);
    if (fromComment) return { kind: fromComment.kind, how: 'exact', why: 'its Topoforge comment', label: fromComment.label };
    const image = readImage(s.repo, exporterOf);
    const command = readCommand(s.command);
    // A helper is known by its image or command even when it runs a product's image (a Flink task manager).
    const helper = [image, command].find((m) => m?.strength === 'helper');
    if (helper) return { kind: helper.kind, how: 'closest', helperOf: helper.kind, ...(helper.product ? { product: helper.product } : {}), why: helper === image ? `its image ${s.image}` : 'its command' };
    if (image) return { kind: image.kind, how: image.strength === 'closest' ? 'closest' : 'product', ...(image.product ? { product: image.product } : {}), why: `its image ${s.image}` };

    // Evidence, scored per kind (and per product for the closest kinds).
    const votes = new Map<string, { meaning: Meaning; score: number; why: string[] }>();
    // Per kind (a helper of a kind apart): evidence adds up, and the most specific product is kept.
    const vote = (m: Meaning, score: number, why: string) => {
      const key = `${m.kind.id}|${m.strength === 'helper' ? 'helper' : ''}`;
      const v = votes.get(key) ?? { meaning: m, score: 0, why: [] };
      if (m.product && !v.meaning.product) v.meaning = m;
      v.score += score;
      if (!v.why.includes(why)) v.why.push(why);
      votes.set(key, v);
    };
    // A service whose own name says what it does (`etl`, `backend`) is not the product its image or folder is named after.
    const ownRole = readName(s.name).meaning;
    const secondary = !(ownRole && roleOf(ownRole.kind) && ownRole.strength === 'word');
    const imageVariable = s.imageVariables.map((v) => v.replace(/(^|_)(IMAGE|TAG|VERSION|DOCKER|REGISTRY|NAME|REPO|REPOSITORY)(?=_|$)/gi, ' ')).join(' ').trim();
    const names: Array<[string, string]> = [
      [s.name, 'its name'],
      ...(secondary
        ? ([
            [s.containerName, 'its container name'],
            [s.hostname, 'its host name'],
            [buildName(s.build), 'its build folder'],
            [s.repo.split('/').pop() ?? '', `its image ${s.image}`],
            [imageVariable, `its image variable \`${s.imageVariables.join('`, `')}\``],
          ] as Array<[string, string]>)
        : []),
    ];
    // The products of the services it addresses, by their images: a name that also names one of
    // them says what it works with (`connect-es` links to Elasticsearch), not what it is.
    const addressed = new Set((refsOf.get(s.name) ?? []).flatMap((r) => imageKinds.filter((k) => k.owner === r.target && k.owner !== s.name).map((k) => k.kind)));
    const seenNames = new Set<string>();
    for (const [text, why] of names) {
      const key = text.toLowerCase();
      if (!text || seenNames.has(key)) continue;
      seenNames.add(key);
      const m = readName(text).meaning;
      if (!m || roleOf(m.kind) || (addressed.has(m.kind) && why !== 'its name')) continue;
      vote(m, m.strength === 'word' ? 2 : 4, why);
    }
    if (command) vote(command, 4, 'its command');
    // Its own health check, unless it tests another service.
    const health = readHealthcheck(s.healthcheck);
    if (health && !hostsIn(s.healthcheck, false).some((h) => hostOf.has(h.host) && hostOf.get(h.host) !== s.name)) vote({ kind: health, strength: 'product' }, 3, 'its health check');
    // Server settings count unless the same environment also points at a server of that kind (a client's POSTGRES_HOST),
    // or the service is built from source while another service of the file runs that product's image: then
    // POSTGRES_DB in its environment names the database it uses, not one it serves.
    const clientOf = new Set(s.env.map(([k]) => readClientEnv(k)).filter((k): k is KindDef => !!k));
    if (s.build && !s.image) for (const k of imageKinds) if (k.owner !== s.name) clientOf.add(k.kind);
    for (const { meaning, count } of readServerEnv(s.env.map(([k]) => k))) if (!clientOf.has(meaning.kind)) vote(meaning, Math.min(4, 1 + count), 'its settings');
    const referrers = new Map<string, Set<string>>();
    const ports = new Set(s.ports.map((p) => p.container));
    for (const { from, ref } of inbound.get(s.name) ?? []) {
      const k = (ref.key ? readClientEnv(ref.key) : undefined) ?? (ref.scheme ? readScheme(ref.scheme) : undefined);
      if (k && !roleOf(k)) {
        const set = referrers.get(k.id) ?? new Set<string>();
        set.add(from);
        referrers.set(k.id, set);
      }
      if (ref.port) ports.add(ref.port);
    }
    for (const [id, set] of referrers) vote({ kind: getKind(id)!, strength: 'product' }, Math.min(6, 3 * set.size), `how ${someNames([...set], 2)} address${set.size === 1 ? 'es' : ''} it`);
    for (const p of ports) for (const m of readPort(p)) if (!roleOf(m.kind)) vote(m, 1, `port ${p}`);
    const ranked = [...votes.values()].sort((a, b) => b.score - a.score);
    const best = ranked[0];
    if (!best || best.score < 2) return undefined;
    const m = best.meaning;
    const why = best.why.join(', ');
    if (m.strength === 'helper') return { kind: m.kind, how: 'closest', helperOf: m.kind, ...(m.product ? { product: m.product } : {}), why };
    const sure = best.score >= 3 && (ranked[1]?.score ?? 0) < best.score;
    if (!sure) return { kind: m.kind, how: 'undecided', why: `${why} (weak evidence)` };
    return { kind: m.kind, how: m.strength === 'closest' ? 'closest' : 'product', ...(m.product ? { product: m.product } : {}), why };
  };
  for (const s of services) {
    const t = typeProduct(s);
    if (t) typing.set(s.name, t);
  }

  // Generic services: what they do decides (answers HTTP or gRPC, reads from brokers, runs on a schedule …).
  const role = (r: Parameters<typeof kindForRole>[0]): KindDef => kindForRole(r)!;
  for (const s of services) {
    if (typing.has(s.name)) continue;
    const names = [s.name, s.containerName, buildName(s.build), s.repo.split('/').pop() ?? ''].filter(Boolean);
    const readings = names.map((n) => readName(n).meaning).filter((m): m is Meaning => !!m && !!roleOf(m.kind));
    const word = readings.find((m) => m.strength !== 'suffix') ?? readings[0];
    const wordRole = word ? roleOf(word.kind) : undefined;
    const callers = inbound.get(s.name) ?? [];
    const refs = refsOf.get(s.name) ?? [];
    const brokers = refs.filter((r) => {
      const t = typing.get(r.target);
      return t && isBroker(t.kind) && !t.helperOf;
    });
    const calledOver = (p: Protocol) => callers.some(({ ref }) => (ref.scheme && SCHEME_PROTOCOL[ref.scheme] === p) || (p === 'graphql' && /\/graphql\b/i.test(ref.path ?? '')));
    const byGateway = callers.some(({ from }) => typing.get(from)?.kind.category === 'gateway');
    const grpc = calledOver('grpc') || s.ports.some((p) => hintsOf(role('grpc-api')).ports?.includes(p.container));
    const graphql = calledOver('graphql');
    const ports = s.ports.length > 0 || s.unknownPorts > 0 || s.env.some(([k, v]) => /^(PORT|SERVER_PORT|HTTP_PORT|LISTEN_PORT)$/i.test(k) && /^\d+$/.test(v));
    const http = calledOver('http') || byGateway || ports;
    let t: Typing;
    const pick = (r: Parameters<typeof kindForRole>[0], sure: boolean, why: string): Typing => ({ kind: role(r), how: sure ? 'generic' : 'undecided', why });
    if (wordRole && wordRole !== 'http-api' && wordRole !== 'consumer') {
      t = pick(wordRole, wordRole === 'frontend' ? http : true, `its name (${word!.strength === 'suffix' ? 'a service' : 'a word of it'})`);
    } else if (grpc) t = pick('grpc-api', true, 'it is called over gRPC');
    else if (graphql) t = pick('graphql-api', true, 'it is called at /graphql');
    else if (wordRole === 'consumer') t = pick('consumer', brokers.length > 0 || !http, 'its name');
    else if (wordRole === 'http-api' && (http || word!.strength === 'word') && !(brokers.length > 0 && !http)) t = pick('http-api', http, http ? 'its name and its port' : 'its name');
    else if (brokers.length > 0 && !calledOver('http') && !byGateway && !s.ports.some((p) => p.host !== null)) t = pick('consumer', true, `it is a client of ${someNames(brokers.map((r) => r.target), 2)}`);
    else if (http) {
      const where = s.ports[0] ? `port ${s.ports[0].container}` : 'a port';
      const who = [...new Set(callers.map((c) => c.from))];
      const called = who.length > 0 ? `; ${someNames(who, 3)} call${who.length === 1 ? 's' : ''} it, but the file does not say over HTTP or gRPC` : '';
      t = pick('http-api', calledOver('http') || byGateway, ports ? `it listens on ${where}${called}` : 'the others call it over HTTP');
    }
    else t = pick('consumer', false, 'nothing in the file says what it does');
    typing.set(s.name, t);
  }

  // ── Helpers ─────────────────────────────────────────────────────────────
  const byRepo = new Map<string, ComposeService[]>();
  const dependents = new Map<string, ComposeService[]>();
  const addTo = (m: Map<string, ComposeService[]>, key: string, s: ComposeService) => {
    const list = m.get(key);
    if (list) list.push(s);
    else m.set(key, [s]);
  };
  for (const s of services) {
    if (s.repo) addTo(byRepo, s.repo, s);
    for (const d of s.dependsOn) if (d !== s.name) addTo(dependents, d, s);
  }
  const helperOf = new Map<string, string>();
  const isMainCandidate = (name: string) => !typing.get(name)!.helperOf;
  const related = (a: string, b: string) => (refsOf.get(a) ?? []).some((r) => r.target === b) || (refsOf.get(b) ?? []).some((r) => r.target === a);
  for (const s of services) {
    const role0 = s.labels['topoforge.role'];
    const node0 = s.labels['topoforge.node'];
    if (role0 && role0 !== 'main' && node0) {
      const main = services.find((x) => x !== s && x.labels['topoforge.node'] === node0 && (x.labels['topoforge.role'] ?? 'main') === 'main');
      if (main) helperOf.set(s.name, main.name);
      continue;
    }
    const sidecar = /^service:(.+)$/.exec(s.networkMode)?.[1];
    if (sidecar && byName.has(sidecar)) {
      helperOf.set(s.name, sidecar);
      continue;
    }
    const t = typing.get(s.name)!;
    // What Topoforge's own label or comment typed is a component.
    if (t.how === 'exact') continue;
    if (t.helperOf) {
      // ZooKeeper, an exporter, a task manager: part of a component of that kind, the related one first.
      const owners = services.filter((x) => x !== s && isMainCandidate(x.name) && typing.get(x.name)!.kind === t.helperOf);
      const owner = owners.find((x) => related(s.name, x.name)) ?? owners[0];
      if (owner) {
        helperOf.set(s.name, owner.name);
        continue;
      }
      // No such component: it stays, as the kind of what it helps when nothing better is known.
      typing.set(s.name, { kind: t.kind, how: 'undecided', why: `${t.why}: a ${t.product?.product ?? 'helper'} with nothing in the file to fold it into` });
      continue;
    }
    const ws = words(s.name);
    const oneShot = s.restart === 'no' || /\b(echo|sleep|exit)\b/.test(s.command) || (s.restart === 'on-failure' && !!s.command);
    const profiled = s.profiles.length > 0;
    const deps = [...s.dependsOn, ...s.links].filter((d) => byName.has(d));
    // <owner>-<helper word>: kafka-init, kibana-genkeys, app-healthy, temporal-admin-tools.
    // The longest other service name that this one starts with, followed by - or _.
    let owner: ComposeService | undefined;
    for (let i = s.name.length - 1; i > 0 && !owner; i--) if (s.name[i] === '-' || s.name[i] === '_') owner = byName.get(s.name.slice(0, i));
    if (owner) {
      const suffix = words(s.name.slice(owner.name.length + 1));
      const helperWord = suffix.some((w) => HELPER_WORDS.has(w));
      const sameImage = (s.repo !== '' && s.repo === owner.repo) || (!!s.build && !!owner.build && s.build.context === owner.build.context && s.build.dockerfile === owner.build.dockerfile);
      const exporter = /exporter/.test(s.repo);
      if ((helperWord && (oneShot || sameImage || exporter || s.interactive || profiled || deps.includes(owner.name) || s.networkMode === 'none')) || (sameImage && (oneShot || s.interactive || s.networkMode === 'none'))) {
        helperOf.set(s.name, owner.name);
        continue;
      }
    }
    // A container of a store's or broker's image that runs a job against another server of that
    // kind (an init script, \`mongosh --host mongodb1\`), with no port published: part of that server.
    const sameKind = (refsOf.get(s.name) ?? []).map((r) => r.target).find((x) => x !== s.name && typing.get(x)?.kind === t.kind && !typing.get(x)?.helperOf);
    if (sameKind && s.command && !s.ports.some((p) => p.host !== null) && (t.kind.category === 'store' || isBroker(t.kind))) {
      helperOf.set(s.name, sameKind);
      continue;
    }
    const served = [...new Set([...deps, ...(refsOf.get(s.name) ?? []).map((r) => r.target)])].filter((x) => x !== s.name);
    // A utility container or a one-shot job named like a helper that serves one service: app-healthy, init-kafka,
    // init_permissions running the broker's own image.
    const helperName = ws.length > 0 && ws.some((w) => HELPER_WORDS.has(w)) && !s.ports.some((p) => p.host !== null);
    // The one other service running the same image (an image many services share, such as a stand-in, says nothing).
    const twins = (byRepo.get(s.repo) ?? []).filter((x) => x !== s);
    const sameAs = twins.length === 1 && !words(twins[0]!.name).some((w) => HELPER_WORDS.has(w)) ? twins[0] : undefined;
    if ((TOOL_IMAGE.test(s.repo) || (helperName && (oneShot || profiled || s.interactive || !!sameAs))) && (served.length > 0 || sameAs)) {
      const named = served.find((x) => words(s.name).some((w) => words(x).includes(w)));
      helperOf.set(s.name, named ?? (sameAs && helperName ? sameAs.name : served[0] ?? sameAs!.name));
      continue;
    }
    // A one-shot helper nothing of its own depends on, that others wait for (certificates, a schema): part of the first of them.
    const waiting = dependents.get(s.name) ?? [];
    if ((TOOL_IMAGE.test(s.repo) || (helperName && oneShot)) && served.length === 0 && waiting.length > 0) {
      helperOf.set(s.name, waiting[0]!.name);
      continue;
    }
    // An interactive toolbox with no ports (a CLI container): part of what it talks to.
    if (s.interactive && s.ports.length === 0 && served.length > 0 && (ws.some((w) => HELPER_WORDS.has(w)) || /^\/bin\/(ba)?sh\b|^(ba)?sh\b/.test(s.command))) {
      const prefix = (x: string) => {
        let i = 0;
        while (i < x.length && i < s.name.length && x[i] === s.name[i]) i++;
        return i;
      };
      helperOf.set(s.name, [...served].sort((a, b) => prefix(b) - prefix(a))[0]!);
    }
  }
  const mainOf = (name: string): string | undefined => {
    if (!byName.has(name)) return undefined;
    let cur = name;
    for (let i = 0; i < 10 && helperOf.has(cur); i++) cur = helperOf.get(cur)!;
    return helperOf.has(cur) ? undefined : cur;
  };
  for (const s of services) {
    if (!helperOf.has(s.name)) continue;
    const main = mainOf(s.name);
    if (!main) {
      helperOf.delete(s.name);
      continue;
    }
    const t = typing.get(s.name)!;
    const what = t.helperOf && t.product ? t.product.product : 'an init job, toolbox or sidecar';
    diagnostics.push(
      importDiagnostic('TF604', {
        message: `Service \`${s.name}\` (${what}) serves \`${main}\` and is part of that component rather than one of its own.`,
        hint: 'Topoforge adds such helpers itself when it generates the stack.',
      }),
    );
  }

  // ── Components ──────────────────────────────────────────────────────────
  const mains = services.filter((s) => !helperOf.has(s.name));
  const taken = new Set<string>();
  const idOf = new Map<string, string>();
  const kindOf = (name: string): KindDef => typing.get(mainOf(name) ?? name)!.kind;
  const zoneIdOf = new Map<string, string>();
  const zoneIds = new Set<string>();
  const groups: Group[] = [];
  const zoneFor = (net: string): string => {
    let z = zoneIdOf.get(net);
    if (!z) {
      const label = net.replace(/^zone-/, '') || net;
      z = makeId(label, (id) => zoneIds.has(id) || taken.has(id));
      zoneIds.add(z);
      zoneIdOf.set(net, z);
      groups.push({ id: z, label, kind: 'network' });
    }
    return z;
  };
  const nodes: TopoNode[] = [];
  for (const s of mains) {
    const wanted = s.labels['topoforge.node'];
    const id = makeId(wanted && /^[a-z][a-z0-9-]*$/.test(wanted) ? wanted : s.name, (x) => taken.has(x));
    taken.add(id);
    idOf.set(s.name, id);
  }
  for (const s of mains) {
    const id = idOf.get(s.name)!;
    const t = typing.get(s.name)!;
    const kind = t.kind;
    const label = s.labels['topoforge.label'] || t.label || s.name;
    const props: Record<string, unknown> = {};
    if (t.how === 'closest' && t.product) {
      diagnostics.push(
        importDiagnostic('TF603', {
          message: `Service \`${s.name}\` runs ${t.product.product} (found from ${t.why}); the catalog has no kind for it, so it was imported as the closest kind, ${kind.name}.`,
          hint: 'Change its kind in the inspector if another fits better.',
          nodes: [id],
        }),
      );
    } else if (t.how === 'undecided') {
      diagnostics.push(
        importDiagnostic('TF602', {
          message: `The kind of service \`${s.name}\` is undecided (${t.why}); it was imported as ${kind.name}${s.image ? `, keeping its image ${s.image}` : ''}.`,
          hint: 'Pick its kind in the inspector.',
          nodes: [id],
        }),
      );
    }
    if (t.how !== 'exact' && s.image && kind.props.some((p) => p.key === 'image')) {
      const def = kind.props.find((p) => p.key === 'image')!;
      if (!def.pattern || new RegExp(def.pattern).test(s.image)) props.image = s.image;
    }
    // Ports: a generic service listens on its container port; a product's published ports are publish settings.
    if (kind.ports) {
      const published = s.ports.filter((p) => p.host !== null);
      for (const p of published) {
        const def = kind.ports.find((d) => d.container === p.container && d.prop);
        if (def) {
          if (def.host !== p.host) props[def.prop!] = p.host;
        } else if (published.length === 1 && kind.ports[0]!.prop && !kind.ports.some((d) => published.some((q) => q.container === d.container))) {
          // Another port inside the container than the catalog's (ksqlDB as Flink): keep where it is published.
          if (kind.ports[0]!.host !== p.host) props[kind.ports[0]!.prop] = p.host;
        }
      }
    } else {
      const def = kind.props.find((d) => d.key === 'port');
      const listen = s.ports.find((p) => p.host !== null) ?? s.ports[0];
      if (def && listen && listen.container !== def.default && !kind.external) props.port = listen.container;
    }
    nodes.push({ id, kind: kind.id, label: label.trim() || s.name, props });
  }
  const profiled = new Map<string, string[]>();
  for (const s of mains) for (const p of s.profiles) profiled.set(p, [...(profiled.get(p) ?? []), s.name]);
  for (const [p, names] of profiled) {
    diagnostics.push(
      importDiagnostic('TF613', {
        message: `${someNames(names)} ${names.length === 1 ? 'runs' : 'run'} only with the compose profile \`${p}\`; imported as part of the design.`,
        hint: 'Delete what your design does not use.',
        nodes: names.map((n) => idOf.get(n)!),
      }),
    );
  }

  // Zones: the network a service lives on (for several, the first that its servers are not on).
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  for (const s of mains) {
    const node = nodeById.get(idOf.get(s.name)!)!;
    const nets = s.networks.filter((n) => n !== 'default');
    if (s.labels['topoforge.zone']) node.group = zoneFor(s.labels['topoforge.zone']);
    else if (nets.length === 1) node.group = zoneFor(nets[0]!);
    else if (nets.length > 1) {
      const servers = [...s.dependsOn, ...s.links].map(mainOf).filter((x): x is string => !!x && x !== s.name);
      const serverNets = new Set(servers.filter((x) => byName.get(x)!.networks.length === 1).flatMap((x) => byName.get(x)!.networks));
      node.group = zoneFor(nets.find((n) => !serverNets.has(n)) ?? nets[0]!);
    }
  }
  doc.groups = groups.filter((g) => nodes.some((n) => n.group === g.id));
  doc.nodes = nodes;

  // ── Connections ─────────────────────────────────────────────────────────
  // One record per pair of components, with the evidence of every reference between them.
  interface Pair {
    from: string;
    to: string;
    refs: Ref[];
  }
  const pairs = new Map<string, Pair>();
  for (const s of services) {
    const a = mainOf(s.name);
    if (!a) continue;
    for (const r of refsOf.get(s.name) ?? []) {
      // A helper's start order is its own business (an init job waits for its broker); what it addresses is its main's.
      if (helperOf.has(s.name) && (r.via === 'depends' || r.via === 'link')) continue;
      const b = mainOf(r.target);
      if (!b || a === b) continue;
      const key = `${a}>${b}`;
      const p = pairs.get(key) ?? { from: a, to: b, refs: [] };
      p.refs.push(r);
      pairs.set(key, p);
    }
  }
  for (const s of mains) {
    for (const d of s.dependsOn) {
      if (!byName.has(d)) diagnostics.push(importDiagnostic('TF608', { message: `Service \`${s.name}\` depends on \`${d}\`, which is not in the file.`, hint: 'The dependency was left out.', nodes: [idOf.get(s.name)!] }));
    }
  }

  // What a reader would draw though no reference says it, each listed (TF614):
  // a proxy that publishes the port another service only exposes routes to it (a reverse proxy in
  // front of unpublished services); a dashboard with nothing to read but the one metrics store reads it.
  const related0 = (a: string, b: string) => pairs.has(`${a}>${b}`) || pairs.has(`${b}>${a}`);
  const infer = (from: string, to: string, why: string, scheme?: string) => {
    if (from === to || related0(from, to)) return;
    pairs.set(`${from}>${to}`, { from, to, refs: [{ target: to, via: 'guess', key: '', ...(scheme ? { scheme } : {}) }] });
    diagnostics.push(importDiagnostic('TF614', { message: `\`${from}\` → \`${to}\` was drawn though no address in the file says it: ${why}.`, hint: 'Delete the connection if they do not talk.', nodes: [idOf.get(from)!, idOf.get(to)!], edges: [`${idOf.get(from)}->${idOf.get(to)}`] }));
  };
  for (const proxy of mains.filter((x) => kindOf(x.name).category === 'gateway')) {
    const published = new Set(proxy.ports.filter((p) => p.host !== null).map((p) => p.container));
    for (const s of services) {
      const main = mainOf(s.name);
      if (!main || main === proxy.name || s.ports.some((p) => p.host !== null)) continue;
      const port = s.ports.find((p) => published.has(p.container));
      if (port) infer(proxy.name, main, `it publishes port ${port.container}, which \`${s.name}\` listens on without publishing it`, 'http');
    }
  }
  // A service you build given the same secret as a database or cache (the database password), or
  // naming the database a database service creates (POSTGRES_DB=example in both), uses it.
  const databaseNames = (x: ComposeService) => x.env.filter(([k, v]) => /(^|_)(DB|DATABASE|DBNAME|DB_NAME)$/i.test(k) && /^[A-Za-z][\w-]{1,62}$/.test(v)).map(([, v]) => v);
  for (const s of mains.filter((x) => x.build && !x.image)) {
    const names = databaseNames(s);
    if (s.secrets.length === 0 && names.length === 0) continue;
    for (const t of mains) {
      const k = kindOf(t.name);
      if (t === s || !(k.roles.includes('database') || k.roles.includes('cache')) || viable(kindOf(s.name), k).length === 0) continue;
      const secret = s.secrets.find((x) => t.secrets.includes(x));
      const database = names.find((x) => databaseNames(t).includes(x));
      if (secret) infer(s.name, t.name, `both are given the secret \`${secret}\``);
      else if (database) infer(s.name, t.name, `both name the database \`${database}\``);
    }
  }
  // (A proxy in front of it does not count: it still has nothing to read.)
  const connected = new Set<string>();
  for (const p of pairs.values()) {
    if (kindOf(p.to).category !== 'gateway') connected.add(p.from);
    if (kindOf(p.from).category !== 'gateway') connected.add(p.to);
  }
  const isolated = (name: string) => !connected.has(name);
  for (const d of mains.filter((x) => isolated(x.name) && (kindOf(x.name).roles.includes('dashboard') || kindOf(x.name).accepts.every((p) => OBSERVABILITY_PROTOCOLS.includes(p))))) {
    const feeds = mains.filter((m) => m !== d && compatibleProtocols(kindOf(m.name), kindOf(d.name)).includes('metrics') && flowOf(kindOf(m.name), kindOf(d.name), 'metrics').source === 'from');
    if (feeds.length === 1) infer(d.name, feeds[0]!.name, `\`${d.name}\` has nothing else to read and \`${feeds[0]!.name}\` is the only metrics source it can read`);
  }
  const edges: TopoEdge[] = [];
  const have = new Set<string>();
  const push = (from: string, to: string, protocol: Protocol | undefined) => {
    const A = idOf.get(from)!;
    const B = idOf.get(to)!;
    const key = `${A}>${B}>${protocol ?? ''}`;
    if (have.has(key)) return;
    have.add(key);
    edges.push({ from: A, to: B, ...(protocol ? { protocol } : {}), props: {} });
  };
  const edgeId = (from: string, to: string) => `${idOf.get(from)}->${idOf.get(to)}`;
  // Each component's brokers, worked out once (a scan of every pair per connection is quadratic).
  const brokerIndex = new Map<string, string[]>();
  for (const p of pairs.values()) {
    if (!isBroker(kindOf(p.to))) continue;
    const list = brokerIndex.get(p.from);
    if (list) list.push(p.to);
    else brokerIndex.set(p.from, [p.to]);
  }
  const brokersOf = (name: string): string[] => brokerIndex.get(name) ?? [];
  for (const pair of pairs.values()) {
    const s = byName.get(pair.from)!;
    const t = byName.get(pair.to)!;
    const a = kindOf(s.name);
    const b = kindOf(t.name);
    const refs = pair.refs;
    const envOnly = refs.every((r) => r.via === 'env' || r.via === 'command');
    const startOrderOnly = refs.every((r) => r.via === 'depends' || r.via === 'link');
    // Evidence of the protocol: the URL scheme, the variable's name, OpenTelemetry settings.
    let evidence: Protocol | undefined;
    let evidenceWhy = '';
    /** A generic scheme (http://) only chooses among what the catalog allows: S3, Elasticsearch and OTLP travel over HTTP too. */
    let soft = false;
    for (const r of refs) {
      const k = r.key ? readClientEnv(r.key) : undefined;
      const byScheme = r.scheme ? (SCHEME_PROTOCOL[r.scheme] ?? (readScheme(r.scheme) ? servedProtocol(readScheme(r.scheme)!) : undefined)) : undefined;
      let p: Protocol | undefined = /OTEL|OTLP/i.test(r.key) ? 'otlp' : byScheme ?? (k && k === b ? servedProtocol(k, typing.get(t.name)!.product) : undefined);
      if (p === 'http' && b.accepts.includes('graphql') && /\/graphql\b/i.test(r.path ?? '')) p = 'graphql';
      if (p) {
        evidence = p;
        evidenceWhy = r.via === 'guess' ? 'a proxied port' : r.scheme ? `its ${r.scheme}:// address` : `\`${r.key}\``;
        soft = !!r.scheme && SCHEME_PROTOCOL[r.scheme] === p && !/OTEL|OTLP/i.test(r.key);
        break;
      }
    }
    // A Kafka client is handed its registry's address by convention; the registry is drawn on its broker.
    if (envOnly && hintsOf(b).reachedThroughBroker && brokersOf(s.name).some((k) => pairs.has(`${t.name}>${k}`))) continue;

    // Observability: drawn from the source of the telemetry to its sink.
    const fwdAll = compatibleProtocols(a, b);
    const backAll = compatibleProtocols(b, a);
    const obsOptions = (['otlp', 'metrics'] as Protocol[]).filter((p) => fwdAll.includes(p) || backAll.includes(p));
    const fwd = viable(a, b);
    const back = viable(b, a);
    if (evidence && soft && !fwd.includes(evidence) && !back.includes(evidence) && [...fwd, ...back, ...fwdAll].length > 0) evidence = undefined;
    // A dashboard's (http://) address of a metrics store is its data source: drawn as metrics, store → dashboard.
    const dataSource = (a.roles.includes('dashboard') || b.roles.includes('dashboard')) && obsOptions.includes('metrics') && (evidence === undefined || evidence === 'http');
    if (dataSource) evidence = undefined;
    // (Not for a product imported as a close kind that speaks something else: Logstash writes to Elasticsearch over HTTP.)
    const own = typing.get(s.name)!.product?.protocol ?? typing.get(t.name)!.product?.protocol;
    if (obsOptions.length > 0 && (dataSource || (evidence ? OBSERVABILITY_PROTOCOLS.includes(evidence) : fwd.length === 0 && !(own && !OBSERVABILITY_PROTOCOLS.includes(own))))) {
      const sourceOf = (p: Protocol): ComposeService => {
        const f = fwdAll.includes(p) ? flowOf(a, b, p) : flowOf(b, a, p);
        return fwdAll.includes(p) ? (f.source === 'from' ? s : t) : f.source === 'from' ? t : s;
      };
      // Whoever addresses the other opens the connection: it sends OTLP, or it reads metrics.
      const fits = (p: Protocol) => (p === 'otlp' ? sourceOf(p) === s : sourceOf(p) === t);
      const obs = (evidence && obsOptions.includes(evidence) ? evidence : undefined) ?? obsOptions.find(fits) ?? obsOptions[0]!;
      const src = sourceOf(obs);
      push(src.name, (src === s ? t : s).name, obs);
      continue;
    }

    // One end is a broker: the client writes, reads, or both.
    if (isBroker(a) !== isBroker(b)) {
      const client = isBroker(b) ? s : t;
      const broker = isBroker(b) ? t : s;
      if (client === t && startOrderOnly) {
        // A broker waiting for another service to start says nothing about messages.
        diagnostics.push(importDiagnostic('TF607', { message: `\`${s.name}\` (${a.name}) waits for \`${t.name}\` (${b.name}) to start; a broker does not call a service, so no connection was drawn.`, hint: 'Draw the connection if they do exchange data.', nodes: [idOf.get(s.name)!, idOf.get(t.name)!] }));
        continue;
      }
      const ck = kindOf(client.name);
      const bk = kindOf(broker.name);
      const fam = brokerProtocol(bk)!;
      const canProduce = compatibleProtocols(ck, bk).includes(fam);
      const canConsume = compatibleProtocols(bk, ck).includes(fam);
      const hints = flowHints(client);
      let produce = canProduce && (hints.produce.has(fam) || hints.produce.has('*'));
      let consume = canConsume && (hints.consume.has(fam) || hints.consume.has('*'));
      const both = words(client.name).some((w) => BOTH_WORDS.has(w));
      const bridge = words(client.name).some((w) => BRIDGE_WORDS.has(w));
      if (!produce && !consume) {
        // A bridge between two brokers reads the one named first (`mqtt-kafka-connector`).
        const others = brokersOf(client.name).filter((x) => brokerProtocol(kindOf(x)) !== fam);
        if ((both || bridge) && others.length > 0) {
          const named = (name: string) => {
            const k = kindOf(name);
            const ws = words(client.name);
            const i = ws.findIndex((w) => readName(w).meaning?.kind === k);
            return i < 0 ? Number.MAX_SAFE_INTEGER : i;
          };
          const first = [broker.name, ...others].sort((x, y) => named(x) - named(y))[0];
          if (first === broker.name && canConsume) consume = true;
          else if (canProduce) produce = true;
        } else if (both && canConsume && canProduce) {
          produce = true;
          consume = true;
        } else if (canConsume && (hintsOf(ck).consumesByDefault || !canProduce)) consume = true;
        else if (canProduce) produce = true;
      }
      if (produce) push(client.name, broker.name, fam);
      if (consume) push(broker.name, client.name, fam);
      if (produce || consume) continue;
    }

    // Calls and data: caller → callee where the catalog allows it, else the way the data flows.
    // What the server answers callers on (a product's own protocol, the kind's, or its management API),
    // else what the client speaks when it is a product the catalog only has a close kind for (Kibana, Logstash: HTTP).
    // (A management API only when the file gives the address: waiting for Kafka Connect to start is not calling it.)
    const served = servedProtocol(b, typing.get(t.name)!.product, !startOrderOnly) ?? typing.get(s.name)!.product?.protocol;
    const pick = (options: Protocol[], from: KindDef, to: KindDef, toProduct?: ProductHint): { p: Protocol; guessed: boolean } => {
      if (evidence && options.includes(evidence)) return { p: evidence, guessed: false };
      if (toProduct?.protocol && options.includes(toProduct.protocol)) return { p: toProduct.protocol, guessed: false };
      const d = defaultProtocol(from, to);
      if (d && options.includes(d)) return { p: d, guessed: false };
      const sp = servedProtocol(to, toProduct);
      if (sp && options.includes(sp)) return { p: sp, guessed: false };
      const sync = options.filter((p) => SYNC_PROTOCOLS.includes(p));
      if (options.length === 1) return { p: options[0]!, guessed: false };
      return { p: sync[0] ?? options[0]!, guessed: true };
    };
    const guessedNote = (from: ComposeService, to: ComposeService, p: Protocol, options: Protocol[]) =>
      diagnostics.push(
        importDiagnostic('TF606', {
          message: `The protocol of \`${from.name}\` → \`${to.name}\` was guessed: ${PROTOCOL_NAMES[p]} (the catalog allows ${options.map((o) => PROTOCOL_NAMES[o]).join(', ')} and the file does not say which).`,
          hint: 'Set the protocol in the inspector.',
          nodes: [idOf.get(from.name)!, idOf.get(to.name)!],
          edges: [edgeId(from.name, to.name)],
        }),
      );
    // Data the file shows flowing the other way (a database feeding Debezium); a URL's holder always calls.
    if (evidence && !SYNC_PROTOCOLS.includes(evidence) && !fwd.includes(evidence) && back.includes(evidence)) {
      push(t.name, s.name, evidence);
      continue;
    }
    if (fwd.length > 0 && (!evidence || fwd.includes(evidence) || !back.length)) {
      if (evidence && !fwd.includes(evidence) && !OBSERVABILITY_PROTOCOLS.includes(evidence)) {
        // The file says one protocol, the catalog another: the file wins, and the user hears of it.
        diagnostics.push(
          importDiagnostic('TF605', {
            message: `\`${s.name}\` (${a.name}) reaches \`${t.name}\` (${b.name}) over ${PROTOCOL_NAMES[evidence]} (from ${evidenceWhy}), which the catalog does not allow between these kinds; the connection was kept with that protocol.`,
            hint: 'Change the kind of one end if another fits better; validation reports the connection until then.',
            nodes: [idOf.get(s.name)!, idOf.get(t.name)!],
            edges: [edgeId(s.name, t.name)],
          }),
        );
        push(s.name, t.name, evidence);
        continue;
      }
      const { p, guessed } = pick(fwd, a, b, typing.get(t.name)!.product);
      if (guessed) guessedNote(s, t, p, fwd);
      push(s.name, t.name, p);
      continue;
    }
    // The other way round only for data that flows from the one waited for (a database feeding Debezium),
    // never for calls: a service waiting for another does not make the other its caller.
    const backFlow = back.filter((p) => !SYNC_PROTOCOLS.includes(p));
    if (backFlow.length > 0 && !evidence) {
      const { p, guessed } = pick(backFlow, b, a, typing.get(s.name)!.product);
      if (guessed) guessedNote(t, s, p, backFlow);
      push(t.name, s.name, p);
      continue;
    }
    // The catalog has nothing between these kinds.
    // Stores and brokers wait for others to start, but do not call them.
    const passive = a.category === 'store' || isBroker(a);
    const p = evidence ?? served;
    // Waiting for a server is using it when clients call that server (HTTP, SQL, Redis, S3 …), not when it pulls data (CDC).
    const called = !!p && (SYNC_PROTOCOLS.includes(p) || REQUEST_PROTOCOLS.has(p));
    if (startOrderOnly && (passive || !called)) {
      diagnostics.push(
        importDiagnostic('TF607', {
          message: `\`${s.name}\` (${a.name}) waits for \`${t.name}\` (${b.name}) to start, but the catalog has no way for the one to use the other; no connection was drawn.`,
          hint: 'Draw the connection if they do exchange data.',
          nodes: [idOf.get(s.name)!, idOf.get(t.name)!],
        }),
      );
      continue;
    }
    diagnostics.push(
      importDiagnostic('TF605', {
        message: p
          ? `\`${s.name}\` (${a.name}) uses \`${t.name}\` (${b.name}) over ${PROTOCOL_NAMES[p]} (${evidence ? `from ${evidenceWhy}` : typing.get(t.name)!.product?.protocol === p || servedProtocol(b, typing.get(t.name)!.product, true) === p ? `what ${typing.get(t.name)!.product?.product ?? b.name} serves` : `what ${typing.get(s.name)!.product?.product ?? a.name} speaks`}), which the catalog does not allow between these kinds yet; the connection was not drawn (a drawn one would fail validation for what the import chose, not for what the file says).`
          : `\`${s.name}\` (${a.name}) uses \`${t.name}\` (${b.name}), but nothing says over what and the catalog has no protocol between these kinds; the connection was not drawn.`,
        hint: 'Change the kind of one end if another fits better, then draw the connection.',
        nodes: [idOf.get(s.name)!, idOf.get(t.name)!],
      }),
    );
  }
  doc.edges = edges;
  // Each note points at the first service it names, so the CLI can print FILE:LINE.
  const lineOfId = new Map(mains.map((s) => [idOf.get(s.name)!, s.line]));
  const lineOfName = new Map(services.map((s) => [s.name, s.line]));
  for (const d of diagnostics) {
    if (d.line !== undefined) continue;
    const line = d.nodes.map((n) => lineOfId.get(n)).find((l) => l !== undefined) ?? lineOfName.get(/`([^`]+)`/.exec(d.message)?.[1] ?? '');
    if (line !== undefined) d.line = line;
  }
  return { doc, diagnostics };
}
