import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { LIMITS } from '../../shared/model/limits';
import { imageRepo } from './hints';

/**
 * Reading a docker-compose file the way `docker compose config` would, as far as a design needs:
 * YAML merge keys (`<<: *common`), `${VAR:-default}` interpolation (no variable is set, so each
 * takes its default or nothing), `extends:` within the file, and every service in one shape.
 */

export interface PortMapping {
  /** Published on the host; null when only exposed to the other containers. */
  host: number | null;
  /** What the container listens on. */
  container: number;
}

export interface ComposeService {
  name: string;
  raw: Record<string, unknown>;
  /** After interpolation; empty when the file gives none (built from source) or only an unset variable. */
  image: string;
  repo: string;
  /** The image was written as variables only, without a default (`${IMAGE}`). */
  imageFromVariable: boolean;
  /** Build context and Dockerfile path, when built from source. */
  build?: { context: string; dockerfile: string };
  /** The comment written just above the service key. */
  comment?: string;
  labels: Record<string, string>;
  env: Array<[string, string]>;
  networks: string[];
  /** Network aliases by which the others reach it. */
  aliases: string[];
  ports: PortMapping[];
  dependsOn: string[];
  links: string[];
  /** Names of the secrets it is given (`secrets: [db-password]`, or `{ source: db-password }`). */
  secrets: string[];
  /** `command` and `entrypoint`, joined with spaces. */
  command: string;
  /** The healthcheck's test, joined with spaces. */
  healthcheck: string;
  /** Port entries the file gives only as variables (`"${CART_PORT}"`): it listens, on a port the file does not say. */
  unknownPorts: number;
  /** Names of the variables the image is written with, when it has no default (`${POSTGRES_IMAGE}`). */
  imageVariables: string[];
  profiles: string[];
  networkMode: string;
  restart: string;
  /** `tty` or `stdin_open`: a shell to work in rather than a server. */
  interactive: boolean;
  hostname: string;
  containerName: string;
  /** 1-based line of the service's key in the file. */
  line?: number;
  /** `extends: { file }` pointing at a file this import cannot read. */
  extendsFile?: string;
  /** `extends` names a service that is not in the file. */
  extendsMissing?: string;
}

export type ReadResult = { ok: true; services: ComposeService[] } | { ok: false; message: string; hint: string; line?: number };

export function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
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

/**
 * Compose interpolation with no variable set: `${VAR:-x}` and `${VAR-x}` give `x`, `${VAR}`,
 * `$VAR`, `${VAR:?msg}` and `${VAR:+x}` give nothing, `$$` is a `$`. Defaults may nest.
 */
export function interpolate(s: string): string {
  if (!s.includes('$')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      // Find the matching brace (defaults may hold ${...} themselves).
      let depth = 1;
      let j = i + 2;
      for (; j < s.length && depth > 0; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
      }
      if (depth > 0) {
        out += s.slice(i);
        break;
      }
      const body = s.slice(i + 2, j - 1);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?([-?+])([\s\S]*))?$/.exec(body);
      if (m && m[2] === '-') out += interpolate(m[3] ?? '');
      else if (!m) out += '';
      i = j;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
    if (name) {
      i += 1 + name[0].length;
      continue;
    }
    out += '$';
    i++;
  }
  return out;
}

function interpolateDeep(v: unknown, depth = 0): unknown {
  if (depth > LIMITS.maxDepth) return v;
  if (typeof v === 'string') return interpolate(v);
  if (Array.isArray(v)) return v.map((x) => interpolateDeep(x, depth + 1));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: interpolateDeep(x, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** `KEY=value` lists and maps alike, as a map (for merging `extends`). */
function asMap(v: unknown, sep = '='): Record<string, unknown> {
  if (Array.isArray(v)) {
    const out: Record<string, unknown> = {};
    for (const x of v) {
      const s = scalarText(x);
      if (!s) continue;
      const i = s.indexOf(sep);
      out[i < 0 ? s : s.slice(0, i)] = i < 0 ? null : s.slice(i + 1);
    }
    return out;
  }
  return record(v);
}

const OVERRIDDEN = new Set(['command', 'entrypoint', 'image', 'build']);
const NOT_INHERITED = new Set(['depends_on', 'volumes_from', 'extends']);

/** `extends` merge: the service's own mappings win, sequences add up, commands replace. */
function mergeService(base: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) if (!NOT_INHERITED.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(own)) {
    const b = out[k];
    if (b === undefined || OVERRIDDEN.has(k)) out[k] = v;
    else if (k === 'environment' || k === 'labels') out[k] = { ...asMap(b), ...asMap(v) };
    else if (Array.isArray(b) && Array.isArray(v)) out[k] = [...b, ...v.filter((x) => !b.includes(x))];
    else if (b && typeof b === 'object' && !Array.isArray(b) && v && typeof v === 'object' && !Array.isArray(v)) out[k] = mergeService(record(b), record(v));
    else out[k] = v;
  }
  return out;
}

function envOf(v: unknown): Array<[string, string]> {
  if (Array.isArray(v)) {
    return v
      .map((x) => scalarText(x))
      .filter(Boolean)
      .map((s) => {
        const i = s.indexOf('=');
        return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
      });
  }
  return Object.entries(record(v)).map(([k, x]) => [k, scalarText(x)]);
}

function keysOrItems(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(scalarText).filter(Boolean);
  if (typeof v === 'string' && v) return [v];
  return Object.keys(record(v));
}

function firstPort(s: string): number {
  const n = Number(s.split('-')[0]);
  return Number.isInteger(n) && n > 0 && n <= 65535 ? n : NaN;
}

/** Short (`[IP:]HOST:CONTAINER[/proto]`, `CONTAINER`) and long (`{ target, published }`) forms, and `expose`. */
export function portsOf(v: unknown, exposed: unknown): PortMapping[] {
  const out: PortMapping[] = [];
  const add = (p: PortMapping) => {
    if (!out.some((x) => x.container === p.container && x.host === p.host)) out.push(p);
  };
  for (const p of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
    if (p && typeof p === 'object') {
      const o = p as Record<string, unknown>;
      const c = firstPort(scalarText(o.target));
      const h = o.published === undefined || o.published === '' ? null : firstPort(scalarText(o.published));
      if (Number.isInteger(c)) add({ container: c, host: h !== null && Number.isInteger(h) ? h : null });
      continue;
    }
    const s = scalarText(p).trim().replace(/\/(tcp|udp|sctp)$/i, '');
    if (!s) continue;
    // An IPv6 host IP is in brackets; the last two colon-separated parts are host and container.
    const parts = s.replace(/^\[[^\]]*\]:/, '').split(':');
    const c = firstPort(parts[parts.length - 1]!);
    const h = parts.length >= 2 ? firstPort(parts[parts.length - 2]!) : NaN;
    if (Number.isInteger(c)) add({ container: c, host: Number.isInteger(h) ? h : null });
  }
  for (const p of Array.isArray(exposed) ? exposed : []) {
    const c = firstPort(scalarText(p).split('/')[0]!);
    if (Number.isInteger(c) && !out.some((x) => x.container === c)) add({ container: c, host: null });
  }
  return out;
}

function commandText(v: unknown): string {
  if (Array.isArray(v)) return v.map(scalarText).join(' ');
  return scalarText(v);
}

/** Reads the file into services, or says why it cannot. Never throws. */
export function readCompose(yamlText: string): ReadResult {
  if (typeof yamlText !== 'string' || yamlText.length > LIMITS.maxFileChars) {
    return { ok: false, message: `The compose file is too large (more than ${LIMITS.maxFileChars / 1024 / 1024} MB).`, hint: 'Check that this is a docker-compose file.' };
  }
  if (tooDeep(yamlText)) return { ok: false, message: 'The compose file is nested too deeply to be a docker-compose file.', hint: 'Check that this is a docker-compose file.' };
  const lineCounter = new LineCounter();
  const ydoc = parseDocument(yamlText, { uniqueKeys: false, prettyErrors: false, strict: false, merge: true, lineCounter });
  if (ydoc.errors.length > 0) {
    const e = ydoc.errors[0]!;
    return {
      ok: false,
      message: `The compose file is not valid YAML: ${e.message.split('\n')[0]}`,
      hint: 'Fix the YAML (docker compose config shows the same error), then import again.',
      ...(e.linePos?.[0]?.line ? { line: e.linePos[0].line } : {}),
    };
  }
  let data: unknown;
  try {
    data = ydoc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch {
    return { ok: false, message: 'The compose file uses too many YAML aliases.', hint: `At most ${LIMITS.maxAliasCount} aliases are expanded; write the repeated parts out.` };
  }
  const servicesRaw = record(record(data).services);
  if (Object.keys(servicesRaw).length === 0) {
    return { ok: false, message: 'This file has no `services:` section, so it is not a docker-compose file with anything to import.', hint: 'Import a docker-compose.yml (or compose.yaml) that lists services.' };
  }

  // The comment just above each service key (Topoforge writes "<label> (<kind name>)" there).
  const comments = new Map<string, string>();
  const lines = new Map<string, number>();
  const svcNode = ydoc.get('services', true);
  if (isMap(svcNode)) {
    svcNode.items.forEach((pair, i) => {
      if (!isScalar(pair.key)) return;
      const c = pair.key.commentBefore ?? (i === 0 ? svcNode.commentBefore : undefined);
      if (c) comments.set(String(pair.key.value), c);
      if (pair.key.range) lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
    });
  }

  // extends within the file (a chain, at most 10 deep; a cycle stops it).
  const resolved = new Map<string, { raw: Record<string, unknown>; file?: string; missing?: string }>();
  const resolve = (name: string, seen: string[]): { raw: Record<string, unknown>; file?: string; missing?: string } => {
    const done = resolved.get(name);
    if (done) return done;
    const own = record(servicesRaw[name]);
    let out: { raw: Record<string, unknown>; file?: string; missing?: string } = { raw: own };
    const ext = own.extends;
    const base = typeof ext === 'string' ? ext : scalarText(record(ext).service);
    const file = typeof ext === 'object' ? scalarText(record(ext).file) : '';
    if (file) out = { raw: own, file };
    else if (base && !seen.includes(base) && seen.length < 10) {
      if (servicesRaw[base] === undefined) out = { raw: own, missing: base };
      else out = { raw: mergeService(resolve(base, [...seen, name]).raw, own) };
    }
    resolved.set(name, out);
    return out;
  };

  const services: ComposeService[] = [];
  for (const name of Object.keys(servicesRaw)) {
    const r = resolve(name, []);
    const raw = record(interpolateDeep(r.raw));
    const imageWritten = scalarText(r.raw.image);
    const image = scalarText(raw.image).trim().replace(/[:@]+$/, '');
    const repo = imageRepo(image).replace(/^[/:]+/, '');
    const labels: Record<string, string> = {};
    for (const [k, x] of Object.entries(asMap(raw.labels))) labels[k] = scalarText(x);
    const build = raw.build === undefined ? undefined : typeof raw.build === 'string' ? { context: raw.build, dockerfile: '' } : { context: scalarText(record(raw.build).context), dockerfile: scalarText(record(raw.build).dockerfile) };
    const aliases: string[] = [];
    for (const n of Object.values(record(raw.networks))) for (const a of Array.isArray(record(n).aliases) ? (record(n).aliases as unknown[]) : []) if (scalarText(a)) aliases.push(scalarText(a));
    services.push({
      name,
      raw,
      image: repo ? image : '',
      repo,
      imageFromVariable: imageWritten.includes('$') && repo === '',
      ...(build ? { build } : {}),
      ...(comments.has(name) ? { comment: comments.get(name)! } : {}),
      labels,
      env: envOf(raw.environment),
      networks: keysOrItems(raw.networks),
      aliases,
      ports: portsOf(raw.ports, raw.expose),
      dependsOn: keysOrItems(raw.depends_on),
      links: keysOrItems(raw.links).map((l) => l.split(':')[0]!),
      secrets: (Array.isArray(raw.secrets) ? raw.secrets : []).map((x) => (x && typeof x === 'object' ? scalarText(record(x).source) : scalarText(x))).filter(Boolean),
      command: [commandText(raw.entrypoint), commandText(raw.command)].filter(Boolean).join(' '),
      healthcheck: commandText(record(raw.healthcheck).test),
      unknownPorts: (Array.isArray(r.raw.ports) ? r.raw.ports : []).filter((p) => typeof p === 'string' && p.includes('$') && portsOf([interpolate(p)], undefined).length === 0).length,
      imageVariables: repo ? [] : [...imageWritten.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!),
      profiles: keysOrItems(raw.profiles),
      networkMode: scalarText(raw.network_mode),
      restart: raw.restart === false ? 'no' : scalarText(raw.restart),
      interactive: raw.tty === true || raw.stdin_open === true,
      hostname: scalarText(raw.hostname),
      containerName: scalarText(raw.container_name),
      ...(lines.has(name) ? { line: lines.get(name)! } : {}),
      ...(r.file ? { extendsFile: r.file } : {}),
      ...(r.missing ? { extendsMissing: r.missing } : {}),
    });
  }
  return { ok: true, services };
}
