import { compatibleProtocols, getKind, KINDS } from '../../shared/catalog';
import type { KindDef, KindId } from '../../shared/catalog';
import { IMPORT_HINTS } from '../../shared/catalog/import-hints';
import type { ImportRole, KindImportHints, ProductHint } from '../../shared/catalog/import-hints';
import type { Protocol } from '../../shared/model/types';
import { MESSAGING_PROTOCOLS, OBSERVABILITY_PROTOCOLS } from '../../shared/model/types';

/**
 * Reading names, images, ports, environment and commands with the per-kind import table
 * (`shared/catalog/import-hints.ts`). Shared by the compose and Mermaid importers; nothing here
 * names a kind: every kind comes from the table.
 */

/** How a kind was recognised, strongest first. */
export type Strength = 'product' | 'closest' | 'helper' | 'word' | 'suffix';

export interface Meaning {
  kind: KindDef;
  strength: Strength;
  /** For `closest` and `helper`: the product, as the note names it. */
  product?: ProductHint;
}

export function hintsOf(kind: KindDef): KindImportHints {
  return IMPORT_HINTS[kind.id as KindId] ?? {};
}

/** The generic kind of a role (the importers' fallbacks). */
export function kindForRole(role: ImportRole): KindDef | undefined {
  const id = (Object.keys(IMPORT_HINTS) as KindId[]).find((k) => IMPORT_HINTS[k].role === role);
  return id ? getKind(id) : undefined;
}

export function roleOf(kind: KindDef): ImportRole | undefined {
  return hintsOf(kind).role;
}

// ── Words ─────────────────────────────────────────────────────────────────

/** Words that carry no meaning in a name: versions, numbers, articles, vendor prefixes. */
const FILLER = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'for', 'with', 'to', 'my', 'our', 'your', 'apache', 'eclipse', 'official', 'mode', 'cp', 'docker', 'example', 'demo', 'sample', 'contrib']);
/** Last words that only say "a running thing": dropped to find what it is; alone they suggest an API. */
const UNTYPED_SUFFIX = new Set(['server', 'servers', 'service', 'services', 'svc', 'srv', 'node', 'nodes', 'instance', 'cluster', 'main', 'primary', 'master', 'replica', 'leader', 'container', 'standalone', 'single', 'local', 'dev', 'host', 'engine', 'system', 'platform', 'stack']);
/** Last words that say what sort of thing it is; a product before them of the same category wins. */
const TYPED_SUFFIX = new Set(['db', 'database', 'cache', 'broker', 'queue', 'store', 'storage', 'proxy', 'gateway']);

const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

interface Entry extends Meaning {
  /** How many words the vocabulary entry spans (longer is more specific). */
  span: number;
}

let vocabulary: Map<string, Entry[]> | undefined;
/** Every vocabulary word of at least 3 letters (plus a few short ones), to split compounds such as `mqttbridge`. */
let compoundParts: string[] = [];

function vocab(): Map<string, Entry[]> {
  if (vocabulary) return vocabulary;
  const v = new Map<string, Entry[]>();
  const add = (phrase: string, e: Omit<Entry, 'span'>) => {
    const key = norm(phrase);
    if (!key) return;
    const span = phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
    const list = v.get(key) ?? [];
    list.push({ ...e, span });
    v.set(key, list);
  };
  for (const kind of KINDS) {
    const h = hintsOf(kind);
    for (const n of h.names ?? []) add(n, { kind, strength: 'product' });
    for (const p of h.helpers ?? []) for (const n of p.names ?? []) add(n, { kind, strength: 'helper', product: p });
    for (const p of h.closest ?? []) for (const n of p.names ?? []) add(n, { kind, strength: 'closest', product: p });
    for (const w of h.words ?? []) add(w, { kind, strength: 'word' });
  }
  // Strongest first within one phrase.
  const order: Strength[] = ['product', 'helper', 'closest', 'word', 'suffix'];
  for (const list of v.values()) list.sort((a, b) => order.indexOf(a.strength) - order.indexOf(b.strength));
  compoundParts = [...v.keys(), ...TYPED_SUFFIX].filter((k) => k.length >= 3 || k === 'ui' || k === 'db').sort((a, b) => b.length - a.length);
  vocabulary = v;
  return v;
}

/**
 * The words of a name or label: lower-case, split at punctuation, spaces and camelCase
 * (`KafkaBroker`, not `PostgreSQL`), numbers and versions dropped from the ends of words.
 */
export function words(text: string): string[] {
  vocab();
  const out: string[] = [];
  const spaced = text.replace(/([a-z])([A-Z][a-z])/g, '$1 $2');
  for (const raw of spaced.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    if (/^v?\d+([.]\d+)*[a-z]?$/.test(raw)) continue;
    const w = raw.replace(/\d+$/, '');
    if (!w || FILLER.has(w)) continue;
    out.push(...splitCompound(w));
  }
  return out;
}

/** `mqttbridge` → `mqtt`, `bridge` when the whole is not a known word and the end is. */
function splitCompound(w: string): string[] {
  const v = vocab();
  if (v.has(w) || UNTYPED_SUFFIX.has(w) || TYPED_SUFFIX.has(w)) return [w];
  for (const part of compoundParts) {
    if (w.length - part.length >= 3 && w.endsWith(part)) return [w.slice(0, -part.length), part];
  }
  return [w];
}

function matchEndingAt(ws: string[], end: number): Entry | undefined {
  const v = vocab();
  for (let len = Math.min(4, end + 1); len >= 1; len--) {
    const hit = v.get(ws.slice(end - len + 1, end + 1).join(''));
    if (hit) return hit[0];
  }
  return undefined;
}

export interface NameReading {
  /** What the name says it is, if anything. */
  meaning?: Meaning;
  /** A name that says only the sort of thing (`Storage`, `event broker`): its category. */
  category?: KindDef['category'];
  /** Kinds of products named somewhere in it that are not what it is (`kafka` in `kafka-ui`). */
  mentions: KindDef[];
}

/**
 * What a name says a thing is, read like an English compound: the last word that matters decides
 * (`orders-db` is a database, `kafka-ui` a front end, `mqtt-kafka-connector` a worker, `grafana-server`
 * Grafana). Names whose last word is unknown say nothing (`nats-surveyor`), but the products in
 * them are returned as mentions.
 */
export function readName(text: string): NameReading {
  const ws = words(text);
  const mentions: KindDef[] = [];
  for (let e = 0; e < ws.length; e++) {
    const m = matchEndingAt(ws, e);
    if (m && m.strength === 'product' && !mentions.includes(m.kind)) mentions.push(m.kind);
  }
  let last = ws.length - 1;
  let untyped = false;
  while (last >= 0) {
    const m = matchEndingAt(ws, last);
    const w = ws[last]!;
    if (m && !(m.span === 1 && UNTYPED_SUFFIX.has(w))) {
      if (m.strength !== 'word' || roleOf(m.kind)) return { meaning: m, mentions };
      // A generic word (`db`, `cache`): a product of the same category just before it is more specific (`postgres-db`).
      const before = last - m.span >= 0 ? matchEndingAt(ws, last - m.span) : undefined;
      if (before && before.strength !== 'word' && before.kind.category === m.kind.category) return { meaning: before, mentions };
      return { meaning: m, mentions };
    }
    if (TYPED_SUFFIX.has(w)) {
      // `event-broker`, `file-store`: says the category but not the product; look before it.
      const before = last > 0 ? matchEndingAt(ws, last - 1) : undefined;
      if (before && before.strength !== 'word') return { meaning: before, mentions };
      return { mentions, category: w === 'broker' || w === 'queue' ? 'broker' : w === 'proxy' || w === 'gateway' ? 'gateway' : 'store' };
    }
    if (UNTYPED_SUFFIX.has(w)) {
      untyped = true;
      last--;
      continue;
    }
    break;
  }
  if (last < 0 && untyped) {
    const api = kindForRole('http-api');
    return api ? { meaning: { kind: api, strength: 'suffix' }, mentions } : { mentions };
  }
  if (untyped && last >= 0) {
    // `config-server`, `customers-service`: an unknown word before "server" or "service".
    const api = kindForRole('http-api');
    return api ? { meaning: { kind: api, strength: 'suffix' }, mentions } : { mentions };
  }
  return { mentions };
}

// ── Images, commands, environment, ports ─────────────────────────────────

/** The repository of an image reference, lower-case, without tag or digest. */
export function imageRepo(image: string): string {
  const noDigest = image.split('@')[0]!.toLowerCase().trim();
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** What an image is: a helper of a kind, a kind, or a product imported as a kind. */
export function readImage(repo: string, exporterOf: (repo: string) => KindDef | undefined): Meaning | undefined {
  if (!repo) return undefined;
  const exp = exporterOf(repo);
  if (exp) return { kind: exp, strength: 'helper', product: { product: 'a metrics exporter' } };
  for (const kind of KINDS) for (const p of hintsOf(kind).helpers ?? []) if (p.images?.some((re) => re.test(repo))) return { kind, strength: 'helper', product: p };
  for (const kind of KINDS) if (hintsOf(kind).images?.some((re) => re.test(repo))) return { kind, strength: 'product' };
  for (const kind of KINDS) for (const p of hintsOf(kind).closest ?? []) if (p.images?.some((re) => re.test(repo))) return { kind, strength: 'closest', product: p };
  return undefined;
}

/** What a command line runs, when it names a product or a helper of one. */
export function readCommand(command: string): Meaning | undefined {
  if (!command) return undefined;
  for (const kind of KINDS) for (const p of hintsOf(kind).helpers ?? []) if (p.commands?.some((re) => re.test(command))) return { kind, strength: 'helper', product: p };
  for (const kind of KINDS) if (hintsOf(kind).commands?.some((re) => re.test(command))) return { kind, strength: 'product' };
  return undefined;
}

/** What a container's own health check tests (`pg_isready` is a PostgreSQL). */
export function readHealthcheck(test: string): KindDef | undefined {
  if (!test) return undefined;
  return KINDS.find((k) => hintsOf(k).healthchecks?.some((re) => re.test(test)));
}

/** Kinds (or closest products) whose server settings appear in an environment, with how many settings. */
export function readServerEnv(keys: readonly string[]): Array<{ meaning: Meaning; count: number }> {
  const out: Array<{ meaning: Meaning; count: number }> = [];
  if (keys.length === 0) return out;
  for (const kind of KINDS) {
    const h = hintsOf(kind);
    const n = keys.filter((k) => h.serverEnv?.some((re) => re.test(k))).length;
    if (n > 0) out.push({ meaning: { kind, strength: 'product' }, count: n });
    for (const p of [...(h.closest ?? []), ...(h.helpers ?? [])]) {
      const c = keys.filter((k) => p.serverEnv?.some((re) => re.test(k))).length;
      if (c > 0) out.push({ meaning: { kind, strength: (h.helpers ?? []).includes(p) ? 'helper' : 'closest', product: p }, count: c });
    }
  }
  return out.sort((a, b) => b.count - a.count);
}

/** The kind a client's environment variable points at (`KAFKA_BOOTSTRAP_SERVERS` → Kafka). */
export function readClientEnv(key: string): KindDef | undefined {
  for (const kind of KINDS) if (hintsOf(kind).clientEnv?.some((re) => re.test(key))) return kind;
  return undefined;
}

/** The kind a URL scheme addresses (`postgresql`, `amqp`, `PLAINTEXT`), if one does. */
export function readScheme(scheme: string): KindDef | undefined {
  const s = scheme.toLowerCase();
  for (const kind of KINDS) if (hintsOf(kind).schemes?.includes(s)) return kind;
  return undefined;
}

/** Kinds (or closest products) that listen on a port by default. */
export function readPort(port: number): Meaning[] {
  const out: Meaning[] = [];
  for (const kind of KINDS) {
    const h = hintsOf(kind);
    if (h.ports?.includes(port)) out.push({ kind, strength: 'product' });
    for (const p of h.closest ?? []) if (p.ports?.includes(port)) out.push({ kind, strength: 'closest', product: p });
  }
  return out;
}

/** Kinds a Mermaid shape or class suggests. */
export function readShape(shape: string | undefined): KindDef | undefined {
  if (!shape) return undefined;
  return KINDS.find((k) => hintsOf(k).shapes?.includes(shape));
}

export function readClass(cls: string): KindDef | undefined {
  const c = cls.toLowerCase();
  return KINDS.find((k) => hintsOf(k).classes?.includes(c));
}

// ── What the catalog lets two kinds say to each other ─────────────────────

/** Protocols that need a server in the middle (a broker, an SFTP server, object storage). */
const MEDIATED: ReadonlySet<Protocol> = new Set<Protocol>([...MESSAGING_PROTOCOLS, 'sftp', 's3']);

/**
 * `kind` serves `p` and nothing else (telemetry aside): a broker of one protocol, an SFTP server, a
 * bucket store. Narrower than the catalog's `hostsProtocol` (which also counts a multi-protocol
 * broker such as ActiveMQ, or a legacy system with its own MQ and SFTP): what the importer may
 * take for a plain drop-off point.
 */
export function servesOnly(kind: KindDef, p: Protocol): boolean {
  const only = (list: readonly Protocol[]) => list.includes(p) && list.every((x) => x === p || OBSERVABILITY_PROTOCOLS.includes(x));
  return only(kind.emits) && only(kind.accepts);
}

/** What the catalog lets `from` send `to` directly, telemetry aside (a mediated protocol needs its server at one end). */
export function viable(from: KindDef, to: KindDef): Protocol[] {
  return compatibleProtocols(from, to).filter((p) => !OBSERVABILITY_PROTOCOLS.includes(p) && (!MEDIATED.has(p) || servesOnly(from, p) || servesOnly(to, p)));
}

/** A broker, or a server clients drop messages or files on and pick them up from (an SFTP server). */
export const isBroker = (k: KindDef): boolean => brokerProtocol(k) !== undefined;

/** The protocol a broker (or file drop) carries. */
export function brokerProtocol(k: KindDef): Protocol | undefined {
  if (k.category === 'broker') return k.accepts.find((p) => MESSAGING_PROTOCOLS.includes(p));
  return servesOnly(k, 'sftp') ? 'sftp' : undefined;
}

/** What clients use to reach a server of this kind: the product's own protocol, the kind's default, or the only thing it takes. */
export function servedProtocol(kind: KindDef, product?: ProductHint, caller = false): Protocol | undefined {
  if (product?.protocol) return product.protocol;
  if (kind.defaultIn) return kind.defaultIn;
  const own = kind.accepts.filter((p) => !OBSERVABILITY_PROTOCOLS.includes(p));
  // A caller (not a data source) uses its management API: Kafka Connect's and Flink's REST APIs.
  if (caller && hintsOf(kind).api) return hintsOf(kind).api;
  if (own.length === 1) return own[0];
  return undefined;
}
