import { KINDS, getKind, kindIds } from '../catalog';
import { fileDiagnostic, type FileCode, type FileDiagnosticInit } from './fileCodes';
import { isValidId, makeId } from './ids';
import { LIMITS } from './limits';
import { migrate, type MigrateOptions } from './migrate';
import { joinPath } from './path';
import { closest } from './suggest';
import type { Diagnostic, Group, Position, Protocol, Requirements, TopoEdge, TopoNode, Topology } from './types';
import { FORMAT_VERSION, GROUP_KINDS, PROTOCOLS, TRUST_LEVELS } from './types';

/**
 * Turns a plain object read from a design file (YAML or JSON) into a `Topology`, the way
 * Excalidraw's `restore` does: every file that loads goes through here, so the rest of the app
 * only ever sees complete, normalised documents.
 *
 * Tolerant where it can be: missing optional fields get their defaults, unknown keys are kept (and
 * written back), a node without a position is fine, positions of unknown ids are dropped with an
 * info. Strict where it must be: wrong structural types, missing required fields, bad or duplicate
 * ids, unknown kinds and protocols, connections to unknown components are errors with a path.
 * Prop values are not checked here: that is validation's job.
 */

export interface RestoreOptions extends MigrateOptions {
  /** How a document path is named in messages, e.g. `line 12`; the path itself by default. */
  describe?: (path: string) => string;
  /**
   * `raw` was just read from a file by parseTopology: nested at most LIMITS.maxDepth levels
   * (checked while it was read), and shared with nobody (aliases were copied), so its settings
   * are taken as they are instead of being measured and copied again.
   */
  fresh?: boolean;
}

export type RestoreResult =
  | { ok: true; doc: Topology; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

const REQUIREMENT_TEXT = ['integrationType', 'businessPurpose', 'scope', 'stakeholders', 'availability'] as const;
const REQUIREMENT_NUMBERS = ['latencyP99Ms', 'throughputTps'] as const;
const REQUIREMENT_LISTS = ['security', 'compliance'] as const;
const REQUIREMENT_ORDER: readonly string[] = [
  'integrationType',
  'businessPurpose',
  'scope',
  'stakeholders',
  'latencyP99Ms',
  'throughputTps',
  'availability',
  'security',
  'compliance',
];
const TOP_KEYS = new Set(['topoforge', 'name', 'description', 'requirements', 'groups', 'nodes', 'edges', 'layout']);
const GROUP_KEYS = new Set(['id', 'label', 'kind', 'trust']);
const NODE_KEYS = new Set(['id', 'kind', 'label', 'group', 'props']);
const EDGE_KEYS = new Set(['from', 'to', 'protocol', 'label', 'props']);

const NO_EDGES = (): string[] => [];

const ID_HINT_TAIL = 'Ids are lower-case letters, digits and dashes, start with a letter, and are at most 63 characters long.';

/** Search words of the catalog that name exactly one kind, e.g. `postgresql` -> `postgres`. */
const KIND_ALIASES: ReadonlyMap<string, string> = (() => {
  const count = new Map<string, string | null>();
  for (const k of KINDS) {
    for (const w of [...(k.keywords ?? []), k.name]) {
      const key = w.toLowerCase().replace(/\s+/g, '-');
      count.set(key, count.has(key) && count.get(key) !== k.id ? null : k.id);
    }
  }
  const out = new Map<string, string>();
  for (const [w, id] of count) if (id) out.set(w, id);
  return out;
})();

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Sets a property even when its name is `__proto__` (no prototype pollution from a file). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__' || key in obj) {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/**
 * Depth of nested lists and mappings (a scalar is 0), computed without recursion; stops counting
 * once `limit` is passed.
 */
export function depthOf(value: unknown, limit: number = LIMITS.maxDepth): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  let visited = 0;
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    // Shared references (YAML aliases) are walked once per reference; bounded by the alias limit.
    if (++visited > 50_000_000) return max;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, depth]);
  }
  return max;
}

/** Deep copy of plain data (lists, mappings, scalars); depth must already be checked. */
export function cloneData<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => cloneData(x)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) setOwn(out, k, cloneData(x));
  return out as T;
}

/** A scalar the user meant as text: numbers and booleans are taken as written. */
function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

function typeName(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'true/false';
  return typeof v;
}

function code(s: string): string {
  const t = s.length > 80 ? `${s.slice(0, 77)}...` : s;
  return `\`${t.replace(/[\r\n\t`]/g, ' ')}\``;
}

/** Restores a raw document (as read from YAML or JSON) into a normalised Topology. */
export function restoreTopology(raw: unknown, opts: RestoreOptions = {}): RestoreResult {
  const describe = opts.describe ?? ((p: string) => `\`${p}\``);
  const fresh = opts.fresh === true;
  const diags: Diagnostic[] = [];
  const add = (c: FileCode, init: FileDiagnosticInit) => {
    diags.push(fileDiagnostic(c, init));
  };
  const finish = (doc?: Topology): RestoreResult => {
    const capped = capDiagnostics(diags);
    return doc && !capped.some((d) => d.severity === 'error') ? { ok: true, doc, diagnostics: capped } : { ok: false, diagnostics: capped };
  };

  if (!isPlainObject(raw)) {
    add('TF007', {
      message:
        raw === null || raw === undefined
          ? 'The file is empty: a design starts with `topoforge: 1` and `name:`.'
          : `The file holds ${typeName(raw)}, not a design: a design is a mapping that starts with \`topoforge: 1\` and \`name:\`.`,
      hint: 'Start from an example: `topoforge new --example starter`.',
    });
    return finish();
  }
  if (!opts.fresh && depthOf(raw) > LIMITS.maxDepth) {
    add('TF004', {
      message: `The file nests lists and mappings more than ${LIMITS.maxDepth} levels deep.`,
      hint: 'A design never needs that much nesting; the file is probably damaged or not a design.',
    });
    return finish();
  }
  const migrated = migrate(raw, opts);
  if (!migrated.ok) {
    diags.push(...migrated.diagnostics);
    return finish();
  }
  const src = migrated.doc;

  // ── lists and their sizes ──────────────────────────────────────────────
  const list = (key: 'groups' | 'nodes' | 'edges', max: number): unknown[] | undefined => {
    const v = src[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      add('TF021', {
        message: `\`${key}\` must be a list (entries starting with \`- \`), not ${typeName(v)}.`,
        hint: `Write each entry of \`${key}\` on its own lines, starting with \`- \`.`,
        path: key,
      });
      return undefined;
    }
    if (v.length > max) {
      add('TF028', {
        message: `The design has ${v.length} ${key}; this build opens at most ${max}.`,
        hint: 'Split the design into several files.',
        path: key,
      });
      return undefined;
    }
    return v;
  };
  const rawGroups = list('groups', LIMITS.maxGroups);
  const rawNodes = list('nodes', LIMITS.maxNodes);
  const rawEdges = list('edges', LIMITS.maxEdges);
  if (diags.some((d) => d.code === 'TF028')) return finish();

  // ── name, description, requirements ───────────────────────────────────
  const name = asText(src.name);
  if (src.name === undefined || src.name === null || (name !== undefined && name.trim() === '')) {
    add('TF020', { message: 'The design has no name: `name:` is missing or empty.', hint: 'Add a line `name: MyIntegration` after `topoforge: 1`.', path: src.name === undefined ? undefined : 'name' });
  } else if (name === undefined) {
    add('TF021', { message: `\`name\` must be text, not ${typeName(src.name)}.`, hint: 'Write the name as one line of text.', path: 'name' });
  }
  let description: string | undefined;
  if (src.description !== undefined && src.description !== null) {
    description = asText(src.description);
    if (description === undefined) {
      add('TF021', { message: `\`description\` must be text, not ${typeName(src.description)}.`, hint: 'Write the description as text; use `|` for several lines.', path: 'description' });
    }
  }
  const requirements = restoreRequirements(src.requirements, add);

  // ── groups ────────────────────────────────────────────────────────────
  /** Ids by the order of their first use (zones, then components), and the path of that use. */
  const firstUse = new Map<string, number>();
  const usePath: string[] = [];
  const groups: Group[] = [];
  const groupIds = new Set<string>();
  const takeId = (rawId: unknown, path: string, what: string, hasKey: boolean): string | undefined => {
    if (!hasKey || rawId === undefined || rawId === null) {
      add('TF020', { message: `This ${what} has no \`id\`.`, hint: `Give it an id, e.g. \`id: ${what === 'zone' ? 'dmz' : 'orders'}\`. ${ID_HINT_TAIL}`, path });
      return undefined;
    }
    const id = asText(rawId);
    if (id === undefined) {
      add('TF021', { message: `The id of this ${what} must be text, not ${typeName(rawId)}.`, hint: ID_HINT_TAIL, path: `${path}.id` });
      return undefined;
    }
    if (!isValidId(id)) {
      const better = makeId(id, (x) => firstUse.has(x));
      add('TF022', {
        message: `${code(id)} is not a valid id for a ${what}.`,
        hint: `${ID_HINT_TAIL} For example \`${better}\`.`,
        path: `${path}.id`,
        nodes: [id],
      });
      return undefined;
    }
    const first = firstUse.get(id);
    if (first !== undefined) {
      add('TF023', {
        message: `The id \`${id}\` is used twice: first at ${describe(usePath[first]!)}, again here.`,
        hint: 'Components and zones share one set of ids; rename one of them.',
        path: `${path}.id`,
        nodes: [id],
      });
      return undefined;
    }
    firstUse.set(id, usePath.length);
    usePath.push(path);
    return id;
  };

  (rawGroups ?? []).forEach((g, i) => {
    const path = `groups[${i}]`;
    if (!isPlainObject(g)) {
      add('TF021', { message: `Each zone must be a mapping with an \`id\`, not ${typeName(g)}.`, hint: 'Write a zone as `- id: dmz` followed by `label: DMZ`.', path });
      return;
    }
    const id = takeId(g.id, path, 'zone', 'id' in g);
    const group: Group = { id: id ?? '', label: id ?? '' };
    const label = g.label === undefined || g.label === null ? id : asText(g.label);
    if (label === undefined && g.label !== undefined && g.label !== null) {
      add('TF021', { message: `The label of zone ${code(id ?? '?')} must be text, not ${typeName(g.label)}.`, hint: 'Write the label as text.', path: `${path}.label`, nodes: id ? [id] : [] });
    } else if (label !== undefined) group.label = label;
    if (g.kind !== undefined && g.kind !== null) {
      if (typeof g.kind === 'string' && (GROUP_KINDS as readonly string[]).includes(g.kind)) group.kind = g.kind as Group['kind'];
      else add('TF029', { message: `Zone kind ${code(String(asText(g.kind) ?? typeName(g.kind)))} is not one of ${GROUP_KINDS.join(', ')}.`, hint: `Use one of: ${GROUP_KINDS.join(', ')}, or leave \`kind\` out.`, path: `${path}.kind`, nodes: id ? [id] : [] });
    }
    if (g.trust !== undefined && g.trust !== null) {
      if (typeof g.trust === 'string' && (TRUST_LEVELS as readonly string[]).includes(g.trust)) group.trust = g.trust as Group['trust'];
      else add('TF029', { message: `Trust level ${code(String(asText(g.trust) ?? typeName(g.trust)))} is not one of ${TRUST_LEVELS.join(', ')}.`, hint: `Use one of: ${TRUST_LEVELS.join(', ')}, or leave \`trust\` out.`, path: `${path}.trust`, nodes: id ? [id] : [] });
    }
    copyExtra(g, group, GROUP_KEYS, fresh);
    if (id) {
      groupIds.add(id);
      groups.push(group);
    }
  });

  // ── nodes ─────────────────────────────────────────────────────────────
  const nodes: TopoNode[] = [];
  const nodeIds = new Set<string>();
  const kinds = kindIds();
  (rawNodes ?? []).forEach((n, i) => {
    const path = `nodes[${i}]`;
    if (!isPlainObject(n)) {
      add('TF021', { message: `Each component must be a mapping with \`id\` and \`kind\`, not ${typeName(n)}.`, hint: 'Write a component as `- id: orders` followed by `kind: rest-service`.', path });
      return;
    }
    const id = takeId(n.id, path, 'component', 'id' in n);
    const ids = id ? [id] : [];
    let kind: string | undefined;
    if (n.kind === undefined || n.kind === null) {
      add('TF020', { message: `Component ${code(id ?? `#${i + 1}`)} has no \`kind\`.`, hint: `Say what it is, e.g. \`kind: rest-service\`. Kinds: ${kinds.join(', ')}.`, path, nodes: ids });
    } else if (typeof n.kind !== 'string') {
      add('TF021', { message: `The kind of component ${code(id ?? `#${i + 1}`)} must be text, not ${typeName(n.kind)}.`, hint: `Kinds: ${kinds.join(', ')}.`, path: `${path}.kind`, nodes: ids });
    } else if (!getKind(n.kind)) {
      const guess = closest(n.kind, kinds, KIND_ALIASES);
      add('TF024', {
        message: `Unknown kind ${code(n.kind)} at ${describe(`${path}.kind`)}${guess ? `. Did you mean \`${guess}\`?` : '.'}`,
        hint: guess ? `Write \`kind: ${guess}\`.` : `Kinds: ${kinds.join(', ')}.`,
        path: `${path}.kind`,
        nodes: ids,
      });
    } else kind = n.kind;
    let label = id ?? '';
    if (n.label !== undefined && n.label !== null) {
      const l = asText(n.label);
      if (l === undefined) add('TF021', { message: `The label of component ${code(id ?? `#${i + 1}`)} must be text, not ${typeName(n.label)}.`, hint: 'Write the label as text.', path: `${path}.label`, nodes: ids });
      else label = l;
    }
    let group: string | undefined;
    if (n.group !== undefined && n.group !== null) {
      const gid = asText(n.group);
      if (gid === undefined) add('TF021', { message: `The zone of component ${code(id ?? `#${i + 1}`)} must be a zone id, not ${typeName(n.group)}.`, hint: 'Write `group: <zone id>`.', path: `${path}.group`, nodes: ids });
      else group = gid;
    }
    const props = restoreProps(n.props, path, () => `component ${code(id ?? `#${i + 1}`)}`, ids, NO_EDGES, add, fresh);
    if (!id || !kind || !props) return;
    const node: TopoNode = { id, kind, label, props };
    if (group !== undefined) {
      if (!groupIds.has(group)) {
        const guess = closest(group, [...groupIds]);
        add('TF027', {
          message: `Component \`${id}\` is in zone ${code(group)}, but there is no such zone${guess ? `. Did you mean \`${guess}\`?` : '.'}`,
          hint: groupIds.size ? `Zones: ${[...groupIds].join(', ')}. Or leave \`group\` out.` : 'Add the zone under `groups:`, or leave `group` out.',
          path: `${path}.group`,
          nodes: [id],
        });
      }
      node.group = group;
    }
    // Keep the canonical key order: id, kind, label, group, props, then the user's own keys.
    const ordered = { id, kind, label } as TopoNode;
    if (node.group !== undefined) ordered.group = node.group;
    ordered.props = props;
    copyExtra(n, ordered, NODE_KEYS, fresh);
    nodes.push(ordered);
    nodeIds.add(id);
  });

  // ── edges ─────────────────────────────────────────────────────────────
  const edges: TopoEdge[] = [];
  const rawEdgeList = rawEdges ?? [];
  /**
   * The connections' ids in messages (`from->to`, then `from->to#2` for the second of the same
   * pair...), made on the first message about a connection: most files have none.
   */
  let edgeIds: string[] | undefined;
  const eidOf = (i: number): string => {
    if (!edgeIds) {
      edgeIds = [];
      const idCount = new Map<string, number>();
      for (let j = 0; j < rawEdgeList.length; j++) {
        const e = rawEdgeList[j];
        if (!isPlainObject(e)) continue;
        const base = `${asText(e.from) ?? '?'}->${asText(e.to) ?? '?'}`;
        const nth = (idCount.get(base) ?? 0) + 1;
        idCount.set(base, nth);
        edgeIds[j] = nth === 1 ? base : `${base}#${nth}`;
      }
    }
    return edgeIds[i]!;
  };
  /** An end (`from` or `to`) of connection `i`: the component id, or undefined (reported). */
  const end = (i: number, which: 'from' | 'to', v: unknown, text: string | undefined): string | undefined => {
    if (text !== undefined && nodeIds.has(text)) return text;
    const path = `edges[${i}]`;
    if (v === undefined || v === null) {
      add('TF020', { message: `Connection #${i + 1} has no \`${which}\`.`, hint: `Name the component it ${which === 'from' ? 'starts at' : 'goes to'}: \`${which}: <component id>\`.`, path, edges: [eidOf(i)] });
      return undefined;
    }
    if (text === undefined) {
      add('TF021', { message: `\`${which}\` of connection #${i + 1} must be a component id, not ${typeName(v)}.`, hint: `Write \`${which}: <component id>\`.`, path: `${path}.${which}`, edges: [eidOf(i)] });
      return undefined;
    }
    if (firstUse.has(text) && !groupIds.has(text)) return undefined; // a component with other errors: already reported
    const isZone = groupIds.has(text);
    const guess = isZone ? undefined : closest(text, [...nodeIds]);
    const eid = eidOf(i);
    add('TF026', {
      message: isZone
        ? `Connection \`${eid}\` ${which === 'from' ? 'starts at' : 'goes to'} \`${text}\`, which is a zone; connections join components.`
        : `Connection ${code(eid)} at ${describe(path)} ${which === 'from' ? 'starts at' : 'goes to'} ${code(text)}, but there is no component with that id${guess ? `. Did you mean \`${guess}\`?` : '.'}`,
      hint: 'Point it at a component listed under `nodes:`, or remove the connection.',
      path: `${path}.${which}`,
      edges: [eid],
    });
    return undefined;
  };
  for (let i = 0; i < rawEdgeList.length; i++) {
    const e = rawEdgeList[i];
    if (!isPlainObject(e)) {
      add('TF021', { message: `Each connection must be a mapping with \`from\` and \`to\`, not ${typeName(e)}.`, hint: 'Write a connection as `- from: web` followed by `to: api`.', path: `edges[${i}]` });
      continue;
    }
    const from = end(i, 'from', e.from, asText(e.from));
    const to = end(i, 'to', e.to, asText(e.to));
    let protocol: Protocol | undefined;
    let protocolOk = true;
    if (e.protocol !== undefined && e.protocol !== null) {
      if (typeof e.protocol === 'string' && (PROTOCOLS as readonly string[]).includes(e.protocol)) protocol = e.protocol as Protocol;
      else {
        protocolOk = false;
        const typed = asText(e.protocol) ?? typeName(e.protocol);
        const guess = closest(typed, PROTOCOLS);
        const eid = eidOf(i);
        add('TF025', {
          message: `Unknown protocol ${code(typed)} on connection ${code(eid)} at ${describe(`edges[${i}].protocol`)}${guess ? `. Did you mean \`${guess}\`?` : '.'}`,
          hint: `Protocols: ${PROTOCOLS.join(', ')}. Or leave \`protocol\` out where the two ends share one.`,
          path: `edges[${i}].protocol`,
          edges: [eid],
        });
      }
    }
    let label: string | undefined;
    if (e.label !== undefined && e.label !== null) {
      label = asText(e.label);
      if (label === undefined) add('TF021', { message: `The label of connection ${code(eidOf(i))} must be text, not ${typeName(e.label)}.`, hint: 'Write the label as text.', path: `edges[${i}].label`, edges: [eidOf(i)] });
    }
    const props = fresh && isPlainObject(e.props) ? e.props : restoreProps(e.props, `edges[${i}]`, () => `connection ${code(eidOf(i))}`, [], () => [eidOf(i)], add, fresh);
    if (!from || !to || !protocolOk || !props) continue;
    // In the canonical key order (from, to, protocol, label, props), without spreading objects (slow at 10k).
    const edge = { from, to } as TopoEdge;
    if (protocol) edge.protocol = protocol;
    if (label !== undefined) edge.label = label;
    edge.props = props;
    copyExtra(e, edge, EDGE_KEYS, fresh);
    edges.push(edge);
  }

  // ── layout ────────────────────────────────────────────────────────────
  const layout: Record<string, Position> = {};
  const rawLayout = src.layout;
  if (rawLayout !== undefined && rawLayout !== null && !isPlainObject(rawLayout)) {
    add('TF021', { message: `\`layout\` must be a mapping of ids to positions, not ${typeName(rawLayout)}.`, hint: 'Write one line per component: `orders: { x: 0, y: 0 }`.', path: 'layout' });
  } else if (isPlainObject(rawLayout)) {
    // Canonical order: zones, then components, each in document order, which is the order their
    // ids were first used in (a file Topoforge wrote has its positions in that order already).
    const found: Array<{ rank: number; id: string; pos: Position }> = [];
    let inOrder = true;
    const keys = Object.keys(rawLayout);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const rank = firstUse.get(key);
      if (rank === undefined) {
        add('TF030', {
          message: `The position of ${code(key)} was dropped: there is no component or zone with that id.`,
          hint: 'Nothing to do; the position is left out when the file is saved.',
          path: joinPath('layout', key),
        });
        continue;
      }
      const pos = position(rawLayout[key]);
      if (!pos) {
        add('TF031', {
          message: `The position of \`${key}\` was dropped: it must be \`{ x: <number>, y: <number> }\`.`,
          hint: 'The app places the box again; move it where you want it and save.',
          path: joinPath('layout', key),
          nodes: [key],
        });
        continue;
      }
      if (found.length > 0 && rank < found[found.length - 1]!.rank) inOrder = false;
      found.push({ rank, id: key, pos });
    }
    // (Returned only when every id was restored: then the ids first used are exactly the zones and components.)
    if (!inOrder) found.sort((x, y) => x.rank - y.rank);
    for (let k = 0; k < found.length; k++) layout[found[k]!.id] = found[k]!.pos;
  }

  if (diags.some((d) => d.severity === 'error') || name === undefined) return finish();

  // Unknown top-level keys are kept, after the known ones (layout stays last when written).
  const ordered: Topology = { topoforge: FORMAT_VERSION, name, ...(description !== undefined ? { description } : {}), requirements, groups, nodes, edges } as Topology;
  copyExtra(src, ordered, TOP_KEYS, fresh);
  ordered.layout = layout;
  return finish(ordered);
}

function position(v: unknown): Position | undefined {
  if (!isPlainObject(v)) return undefined;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (!num(v.x) || !num(v.y)) return undefined;
  const out: Position = { x: v.x as number, y: v.y as number };
  for (const k of ['w', 'h'] as const) {
    const s = v[k];
    if (s === undefined || s === null) continue;
    if (!num(s) || (s as number) < 0) return undefined;
    out[k] = s as number;
  }
  return out;
}

/** `owner` is the component's or connection's path; `what` names it (made only for a message). */
function restoreProps(
  v: unknown,
  owner: string,
  what: () => string,
  nodes: string[],
  edges: () => string[],
  add: (c: FileCode, init: FileDiagnosticInit) => void,
  fresh: boolean,
): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return {};
  if (!isPlainObject(v)) {
    add('TF021', { message: `\`props\` of ${what()} must be a mapping of settings, not ${typeName(v)}.`, hint: 'Write settings as `props:` followed by `key: value` lines, or leave `props` out.', path: `${owner}.props`, nodes, edges: edges() });
    return undefined;
  }
  return fresh ? v : cloneData(v);
}

function restoreRequirements(v: unknown, add: (c: FileCode, init: FileDiagnosticInit) => void): Requirements {
  const out: Requirements = {};
  if (v === undefined || v === null) return out;
  if (!isPlainObject(v)) {
    add('TF021', { message: `\`requirements\` must be a mapping, not ${typeName(v)}.`, hint: 'Write requirements as `key: value` lines, e.g. `latencyP99Ms: 100`.', path: 'requirements' });
    return out;
  }
  const known: Record<string, unknown> = {};
  for (const key of REQUIREMENT_TEXT) {
    const x = v[key];
    if (x === undefined || x === null) continue;
    const t = asText(x);
    if (t === undefined) add('TF021', { message: `\`requirements.${key}\` must be text, not ${typeName(x)}.`, hint: 'Write it as one line of text.', path: `requirements.${key}` });
    else known[key] = t;
  }
  for (const key of REQUIREMENT_NUMBERS) {
    const x = v[key];
    if (x === undefined || x === null) continue;
    if (typeof x === 'number' && Number.isFinite(x)) known[key] = x;
    else add('TF021', { message: `\`requirements.${key}\` must be a number, not ${typeName(x)}${typeof x === 'string' ? ` (${code(x)})` : ''}.`, hint: `Write a plain number, e.g. \`${key}: ${key === 'latencyP99Ms' ? 100 : 1000}\`.`, path: `requirements.${key}` });
  }
  for (const key of REQUIREMENT_LISTS) {
    const x = v[key];
    if (x === undefined || x === null) continue;
    const single = asText(x);
    if (single !== undefined) known[key] = [single];
    else if (Array.isArray(x) && x.every((s) => asText(s) !== undefined)) known[key] = x.map((s) => asText(s)!);
    else add('TF021', { message: `\`requirements.${key}\` must be a list of text, not ${typeName(x)}.`, hint: `Write e.g. \`${key}: [${key === 'security' ? 'PCI DSS' : 'SOX'}]\`.`, path: `requirements.${key}` });
  }
  for (const key of REQUIREMENT_ORDER) if (key in known) out[key] = known[key];
  copyExtra(v, out, new Set(REQUIREMENT_ORDER));
  return out;
}

/** Copies the keys not in `known`, in document order, as deep copies. */
function copyExtra(from: Record<string, unknown>, to: Record<string, unknown>, known: ReadonlySet<string>, fresh = false): void {
  const keys = Object.keys(from);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (!known.has(k)) setOwn(to, k, fresh ? from[k] : cloneData(from[k]));
  }
}

function capDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  if (diags.length <= LIMITS.maxDiagnostics) return diags;
  const shown = diags.slice(0, LIMITS.maxDiagnostics);
  const rest = diags.slice(LIMITS.maxDiagnostics);
  const errors = rest.filter((d) => d.severity === 'error').length;
  shown.push(
    fileDiagnostic('TF033', {
      message: `${rest.length} more problems (${errors} errors) are not shown.`,
      hint: 'Fix the ones above and check the file again.',
    }),
  );
  return shown;
}
