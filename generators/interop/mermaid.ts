import { compatibleProtocols, defaultProtocol, flowOf, getKind, hostKind, KINDS, PROTOCOL_NAMES } from '../../shared/catalog';
import type { KindDef } from '../../shared/catalog';
import { withLayout } from '../../shared/layout';
import { makeId } from '../../shared/model/ids';
import { LIMITS } from '../../shared/model/limits';
import type { Diagnostic, Group, Protocol, TopoEdge, TopoNode } from '../../shared/model/types';
import { emptyTopology, MESSAGING_PROTOCOLS, OBSERVABILITY_PROTOCOLS, PROTOCOLS, SYNC_PROTOCOLS } from '../../shared/model/types';
import { hintsOf, isBroker, kindForRole, readClass, readName, readShape, roleOf, servedProtocol, viable, words } from './hints';
import type { ImportResult } from './compose';
import { importDiagnostic } from './codes';

/** A diamond's text that asks a question: a flowchart decision, not a component. */
const DECISION = /\?$|^(?:is|are|does|do|has|have|should|can|which|whether|if|when)\b/i;

/** An edge label that says messages are written or read (the verb, not a protocol name). */
const MESSAGING_VERB = /\b(?:produc(?:e[sd]?|ing)|publish(?:e[sd]|ing)?|consum(?:e[sd]?|ing)|subscrib(?:e[sd]?|ing)|pub\/sub|enqueue[sd]?|dequeue[sd]?)\b/i;

/**
 * Mermaid flowchart → design. A hand-written reader for the flowchart subset people write (and
 * Topoforge's own `generateMermaid` output): node shapes, chained edges with `&`, edge labels,
 * subgraphs (as zones), `classDef`/`class`/`style` lines (skipped, but Topoforge's category
 * classes help guess kinds). Kinds come from the node text (a catalog name such as "Kafka" or a
 * keyword such as "cache"), then the shape (a cylinder is a store, a hexagon a gateway …), then a
 * generic REST service. An edge label naming a protocol sets it. No DOM is needed.
 */

interface PNode {
  ref: string;
  text?: string;
  shape?: string;
  zone?: string;
  classes: string[];
  line: number;
}

interface PEdge {
  from: string;
  to: string;
  text: string;
  dotted: boolean;
  line: number;
}

/** Shape openers, longest first, with their closers and names. */
const SHAPES: Array<[open: string, close: string, name: string]> = [
  ['(((', ')))', 'circle'],
  ['((', '))', 'circle'],
  ['([', '])', 'stadium'],
  ['[(', ')]', 'cylinder'],
  ['[[', ']]', 'subroutine'],
  ['{{', '}}', 'hexagon'],
  ['[/', '/]', 'lean_right'],
  ['[/', '\\]', 'trapezoid'],
  ['[\\', '\\]', 'lean_left'],
  ['[\\', '/]', 'inv_trapezoid'],
  ['(', ')', 'round'],
  ['[', ']', 'square'],
  ['{', '}', 'diamond'],
  ['>', ']', 'odd'],
];

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', num: '#', semi: ';' };

/** Mermaid text as a person reads it: entity codes decoded, `<br>` as a line break, quotes removed. */
export function decodeMermaidText(s: string): string {
  let t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  else if (t.length >= 2 && t.startsWith('`') && t.endsWith('`')) t = t.slice(1, -1);
  return t
    .replace(/<br\s*\/?>/gi, '\n')
    // A `\n` written in a label is read as a line break, as Mermaid draws it.
    .replace(/\\n/g, '\n')
    // Font Awesome icons (`fa:fa-database PostgreSQL`) are pictures, not words.
    .replace(/\bfa[bklrs]?:fa-[\w-]+\s*/g, '')
    .replace(/#(\d{1,7});/g, (m, n: string) => {
      const c = Number(n);
      return c > 0 && c <= 0x10ffff ? String.fromCodePoint(c) : m;
    })
    .replace(/#([a-z]{2,8});/gi, (m, n: string) => NAMED_ENTITIES[n.toLowerCase()] ?? m)
    .replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (m, n: string) => (n.startsWith('#') ? String.fromCodePoint(Number(n.slice(1))) : NAMED_ENTITIES[n] ?? m));
}

/** Splits a line into statements at `;` that are outside quotes and brackets and not ending an entity code. */
function statements(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = false;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') quote = !quote;
    else if (!quote && '([{'.includes(ch)) depth++;
    else if (!quote && ')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    if (ch === ';' && !quote && depth === 0 && !/#[A-Za-z0-9]+$/.test(cur)) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

const ID_RE = /^[\p{L}\p{N}_][\p{L}\p{N}_.:]*(?:-(?![-.>=ox](?![\p{L}\p{N}_]))[\p{L}\p{N}_.:]+)*/u;

class Cursor {
  constructor(
    public s: string,
    public i = 0,
  ) {}
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  rest(): string {
    return this.s.slice(this.i);
  }
  done(): boolean {
    this.ws();
    return this.i >= this.s.length;
  }
}

/** Reads `id`, `id[text]`, `id(["text"])`, `id@{ shape: cyl, label: "x" }` … */
function readNode(c: Cursor): { ref: string; text?: string; shape?: string; classes: string[] } | undefined {
  c.ws();
  const m = ID_RE.exec(c.rest());
  if (!m) return undefined;
  // `A:::cls` is node A with class cls (an id never holds `:::`).
  const id = m[0].includes(':::') ? m[0].slice(0, m[0].indexOf(':::')) : m[0];
  if (!id) return undefined;
  c.i += id.length;
  const node: { ref: string; text?: string; shape?: string; classes: string[] } = { ref: id, classes: [] };
  const rest = c.rest();
  if (rest.startsWith('@{')) {
    const end = rest.indexOf('}');
    if (end > 0) {
      const body = rest.slice(2, end);
      const shape = /shape\s*:\s*([A-Za-z-]+)/.exec(body)?.[1];
      const label = /label\s*:\s*("(?:[^"\\]|\\.)*"|[^,}]+)/.exec(body)?.[1];
      if (shape) node.shape = { cyl: 'cylinder', 'lin-cyl': 'cylinder', 'h-cyl': 'cylinder', das: 'cylinder', hex: 'hexagon', stadium: 'stadium', subproc: 'subroutine', 'fr-rect': 'subroutine', 'lean-r': 'lean_right', 'lean-l': 'lean_left', 'trap-b': 'trapezoid', 'trap-t': 'inv_trapezoid', flag: 'odd', rounded: 'round', rect: 'square', circle: 'circle' }[shape] ?? shape;
      if (label) node.text = decodeMermaidText(label);
      c.i += end + 1;
    }
  } else {
    for (const [open, close, name] of SHAPES) {
      if (!rest.startsWith(open)) continue;
      // Find the closer: after a quoted text, or the first closer.
      let j = open.length;
      while (j < rest.length && rest[j] === ' ') j++;
      let end: number;
      if (rest[j] === '"') {
        const q = rest.indexOf('"', j + 1);
        if (q < 0) continue;
        end = rest.indexOf(close, q + 1);
      } else end = rest.indexOf(close, open.length);
      if (end < 0) continue;
      node.text = decodeMermaidText(rest.slice(open.length, end));
      node.shape = name;
      c.i += end + close.length;
      break;
    }
  }
  const cls = /^:::([\w-]+)/.exec(c.rest());
  if (cls) {
    node.classes.push(cls[1]!);
    c.i += cls[0].length;
  }
  return node;
}

/** Reads an arrow with an optional label; undefined when the text there is not an arrow. */
function readArrow(c: Cursor): { text: string; dotted: boolean; invisible: boolean } | undefined {
  c.ws();
  const r = c.rest();
  // Inline label forms: "-- text -->", "-. text .->", "== text ==>".
  const inline = /^(<?)(--|==|-\.)(?![->.=])\s*(.*?)\s*(-{2,}[>ox]?|={2,}[>ox]?|\.-+[>ox]?)(?=\s|[\p{L}\p{N}_]|$)/u.exec(r);
  const plain = /^(<?)(-{2,}[>ox]?|={2,}[>ox]?|-\.+-[>ox]?|~{3,})/.exec(r);
  if (plain && !(inline && inline[3] && inline[0].length > plain[0].length && !/^\|/.test(r.slice(plain[0].length).trimStart()))) {
    c.i += plain[0].length;
    let text = '';
    c.ws();
    if (c.rest().startsWith('|')) {
      const end = c.rest().indexOf('|', 1);
      if (end > 0) {
        text = decodeMermaidText(c.rest().slice(1, end));
        c.i += end + 1;
      }
    }
    return { text, dotted: plain[2]!.includes('.'), invisible: plain[2]!.startsWith('~') };
  }
  if (inline) {
    c.i += inline[0].length;
    return { text: decodeMermaidText(inline[3] ?? ''), dotted: inline[2] === '-.', invisible: false };
  }
  return undefined;
}

function readGroup(c: Cursor): Array<ReturnType<typeof readNode> & object> | undefined {
  const nodes: Array<ReturnType<typeof readNode> & object> = [];
  for (;;) {
    const n = readNode(c);
    if (!n) return nodes.length ? nodes : undefined;
    nodes.push(n);
    c.ws();
    if (c.rest().startsWith('&')) {
      c.i++;
      continue;
    }
    return nodes;
  }
}

/** A protocol an edge label names ("Kafka: orders", "HTTP POST /x", "gRPC", "JDBC"). */
function protocolIn(text: string): { protocol?: Protocol; detail: string; own: string } {
  const t = text.trim();
  const names = PROTOCOLS.map((p) => [p, PROTOCOL_NAMES[p]] as const).sort((a, b) => b[1].length - a[1].length);
  // Topoforge's "own label (Proto: detail)" form.
  const paren = /^(.*\S)\s+\(([^()]*)\)$/.exec(t);
  if (paren) {
    const inner = protocolIn(paren[2]!);
    if (inner.protocol && inner.own === '') return { protocol: inner.protocol, detail: inner.detail, own: paren[1]! };
  }
  for (const [p, name] of names) {
    if (t === name || t.startsWith(`${name}: `) || t.startsWith(`${name} `)) {
      const detail = t.slice(name.length).replace(/^:?\s*/, '');
      return { protocol: p, detail, own: '' };
    }
  }
  const words: Array<[RegExp, Protocol]> = [
    [/\b(rest|https?|api calls?|webhooks?)\b/i, 'http'],
    [/\bgrpc\b/i, 'grpc'],
    [/\bgraphql\b/i, 'graphql'],
    [/\bweb ?sockets?\b|\bws\b/i, 'websocket'],
    [/\bkafka\b/i, 'kafka'],
    [/\bamqp\b|\brabbit/i, 'amqp'],
    [/\bmqtt\b/i, 'mqtt'],
    [/\bnats\b/i, 'nats'],
    [/\bjms\b|\bibm mq\b/i, 'jms'],
    [/\b(sql|jdbc)\b/i, 'sql'],
    [/\bmongo/i, 'mongodb'],
    [/\bredis\b/i, 'redis'],
    [/\bcdc\b|change data capture/i, 'cdc'],
    [/\bsftp\b/i, 'sftp'],
    [/\bs3\b/i, 's3'],
    [/\botlp\b|\btraces?\b/i, 'otlp'],
    [/\bmetrics\b|\bscrape/i, 'metrics'],
  ];
  for (const [re, p] of words) if (re.test(t)) return { protocol: p, detail: '', own: t };
  return { detail: '', own: t };
}

/** Edge props a Topoforge caption's detail carries. */
function detailProps(p: Protocol, detail: string): Record<string, unknown> {
  if (!detail) return {};
  switch (p) {
    case 'kafka':
    case 'mqtt':
      return { topic: detail };
    case 'nats':
      return { subject: detail };
    case 'jms':
      return { queue: detail };
    case 'amqp': {
      const [ex, q] = detail.split(' → ');
      return { ...(ex ? { exchange: ex } : {}), ...(q ? { queue: q } : {}) };
    }
    case 'http':
    case 'grpc':
    case 'graphql':
    case 'websocket': {
      const m = /^(?:(GET|POST|PUT|PATCH|DELETE)\s+)?(\/\S*)?$/.exec(detail);
      if (!m) return {};
      return { ...(m[1] ? { method: m[1] } : {}), ...(m[2] ? { path: m[2] } : {}) };
    }
    case 'sftp':
      return detail.startsWith('/') ? { path: detail } : {};
    case 'cdc':
      return { tables: detail };
    case 'sql':
    case 'mongodb':
      return ['read', 'write'].includes(detail) ? { access: detail } : {};
    case 'redis':
      return { usage: detail };
    case 'otlp':
      return { signals: detail };
    default:
      return {};
  }
}

export interface ImportMermaidOptions {
  name?: string;
  layout?: boolean;
}

export async function importMermaid(text: string, opts: ImportMermaidOptions = {}): Promise<ImportResult> {
  const r = importMermaidModel(text, opts);
  if (opts.layout === false || r.doc.nodes.length === 0) return r;
  return { doc: await withLayout(r.doc), diagnostics: r.diagnostics };
}

/** The import without the layout step (synchronous). */
export function importMermaidModel(text: string, opts: ImportMermaidOptions = {}): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const doc = emptyTopology(opts.name ?? 'Imported from Mermaid');
  if (typeof text !== 'string' || text.length > LIMITS.maxFileChars) {
    diagnostics.push(importDiagnostic('TF610', { message: 'The Mermaid file is too large.', hint: 'Check that this is a Mermaid flowchart.' }));
    return { doc, diagnostics };
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  // Front matter.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && l.trim() === '---');
    i = end > 0 ? end + 1 : 0;
  }
  const pnodes = new Map<string, PNode>();
  const pedges: PEdge[] = [];
  const zones: Array<{ ref: string; title: string; parent?: string }> = [];
  const zoneStack: string[] = [];
  const classMembers = new Map<string, string[]>();
  let header = false;
  let inAccBlock = false;
  const touch = (n: { ref: string; text?: string; shape?: string; classes: string[] }, line: number) => {
    let p = pnodes.get(n.ref);
    if (!p) {
      p = { ref: n.ref, classes: [], line, ...(zoneStack.length ? { zone: zoneStack[zoneStack.length - 1] } : {}) };
      pnodes.set(n.ref, p);
    }
    if (n.text !== undefined && p.text === undefined) p.text = n.text;
    if (n.shape && !p.shape) p.shape = n.shape;
    p.classes.push(...n.classes);
  };
  for (; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trim();
    if (!raw || raw.startsWith('%%')) continue;
    if (inAccBlock) {
      if (raw.includes('}')) inAccBlock = false;
      continue;
    }
    if (!header) {
      if (/^(flowchart|graph)(\s+(TB|TD|BT|RL|LR))?\s*;?$/i.test(raw)) {
        header = true;
        continue;
      }
      diagnostics.push(importDiagnostic('TF610', { message: `Line ${lineNo} should start a flowchart (\`flowchart LR\` or \`graph TD\`), but reads ${JSON.stringify(raw.slice(0, 60))}.`, hint: 'Only Mermaid flowcharts can be imported; sequence, class and other diagrams cannot.', line: lineNo }));
      return { doc, diagnostics };
    }
    for (const st of statements(raw)) {
      const title = /^accTitle\s*:\s*(.*)$/.exec(st);
      if (title) {
        doc.name = title[1]!.trim() || doc.name;
        continue;
      }
      const descr = /^accDescr\s*(:|\{)\s*(.*)$/.exec(st);
      if (descr) {
        if (descr[1] === '{') inAccBlock = !descr[2]!.includes('}');
        else doc.description = descr[2]!.trim();
        continue;
      }
      if (/^(classDef|style|linkStyle|click|direction)\b/.test(st)) continue;
      const cls = /^class\s+(\S+)\s+([\w-]+)$/.exec(st);
      if (cls) {
        for (const ref of cls[1]!.split(',')) classMembers.set(ref, [...(classMembers.get(ref) ?? []), cls[2]!]);
        continue;
      }
      const sub = /^subgraph\s+(.*)$/.exec(st);
      if (sub) {
        const body = sub[1]!.trim();
        const c = new Cursor(body.replace(/^([\p{L}\p{N}_.-]+)\s+\[/u, '$1['));
        const n = readNode(c);
        let ref: string;
        let title: string;
        if (n && c.done()) {
          ref = n.ref;
          title = n.text ?? n.ref;
        } else {
          title = decodeMermaidText(body);
          ref = title;
        }
        zones.push({ ref, title, ...(zoneStack.length ? { parent: zoneStack[zoneStack.length - 1] } : {}) });
        zoneStack.push(ref);
        continue;
      }
      if (st === 'end') {
        zoneStack.pop();
        continue;
      }
      // A node, or a chain of edges.
      const c = new Cursor(st);
      let left = readGroup(c);
      if (!left) {
        diagnostics.push(importDiagnostic('TF612', { message: `Line ${lineNo} was not understood and was skipped: ${JSON.stringify(st.slice(0, 80))}.`, hint: 'Check the line against Mermaid\'s flowchart syntax.', line: lineNo }));
        continue;
      }
      for (const n of left) touch(n, lineNo);
      let ok = true;
      while (!c.done()) {
        const arrow = readArrow(c);
        const right = arrow ? readGroup(c) : undefined;
        if (!arrow || !right) {
          ok = false;
          break;
        }
        for (const n of right) touch(n, lineNo);
        if (!arrow.invisible) for (const a of left) for (const b of right) pedges.push({ from: a.ref, to: b.ref, text: arrow.text, dotted: arrow.dotted, line: lineNo });
        left = right;
      }
      if (!ok) {
        diagnostics.push(importDiagnostic('TF612', { message: `Part of line ${lineNo} was not understood and was skipped: ${JSON.stringify(c.rest().slice(0, 80))}.`, hint: 'Check the line against Mermaid\'s flowchart syntax.', line: lineNo }));
      }
    }
  }
  if (!header) {
    diagnostics.push(importDiagnostic('TF610', { message: 'The file has no flowchart in it.', hint: 'Start the diagram with `flowchart LR` (or `graph TD`).' }));
    return { doc, diagnostics };
  }

  // Zones: a subgraph that is also used as a node endpoint stays a zone only.
  const zoneRefs = new Set(zones.map((z) => z.ref));
  const taken = new Set<string>();
  const idFor = (ref: string, prefix: 'n' | 'g'): string => {
    const own = new RegExp(`^${prefix}_([a-z][a-z0-9_]*)$`).exec(ref);
    const wanted = own ? own[1]!.replace(/_/g, '-') : ref;
    const id = makeId(wanted, taken);
    taken.add(id);
    return id;
  };
  const groups: Group[] = [];
  const zoneId = new Map<string, string>();
  for (const z of zones) {
    if (zoneId.has(z.ref)) continue;
    const id = idFor(z.ref, 'g');
    zoneId.set(z.ref, id);
    groups.push({ id, label: z.title.replace(/\s+/g, ' ').trim() || id });
  }
  const nodeId = new Map<string, string>();
  const nodes: TopoNode[] = [];
  const typed = new Map<string, Typed>();
  const labelOf = new Map<string, string>();
  for (const p of pnodes.values()) {
    if (zoneRefs.has(p.ref)) continue;
    const id = idFor(p.ref, 'n');
    nodeId.set(p.ref, id);
    const textLines = (p.text ?? p.ref).split('\n').map((l) => l.trim()).filter(Boolean);
    // Topoforge's own "label<br/>Kind name" text.
    const last = textLines.length > 1 ? KINDS.find((k) => k.name === textLines[textLines.length - 1]) : undefined;
    labelOf.set(p.ref, (last ? textLines.slice(0, -1) : textLines).join(' ') || id);
    typed.set(p.ref, last ? { kind: last, how: 'exact' } : typeFromText(p, textLines, [...p.classes, ...(classMembers.get(p.ref) ?? [])]));
  }
  // A decision (a diamond asking a question: `{Is this Webops?}`) is a choice made by what flows
  // into it, not a component: each of its senders is connected to each of its branches.
  for (const p of pnodes.values()) {
    if (p.shape !== 'diamond' || !nodeId.has(p.ref)) continue;
    const text = (p.text ?? '').replace(/\s+/g, ' ').trim();
    if (!DECISION.test(text)) continue;
    const t = typed.get(p.ref);
    if (t && (t.how === 'exact' || (t.how === 'text' && !t.weak && !t.generic))) continue;
    const ins = pedges.filter((e) => e.to === p.ref && e.from !== p.ref);
    const outs = pedges.filter((e) => e.from === p.ref && e.to !== p.ref);
    if (ins.length === 0 || outs.length === 0) continue;
    nodeId.delete(p.ref);
    for (let i = pedges.length - 1; i >= 0; i--) if (pedges[i]!.from === p.ref || pedges[i]!.to === p.ref) pedges.splice(i, 1);
    for (const a of ins) {
      for (const b of outs) {
        if (a.from === b.to || pedges.some((e) => e.from === a.from && e.to === b.to)) continue;
        pedges.push({ from: a.from, to: b.to, text: [a.text, b.text].filter(Boolean).join(' '), dotted: a.dotted && b.dotted, line: b.line });
      }
    }
    const name = (r: string) => `\`${(pnodes.get(r)?.text ?? r).replace(/\s+/g, ' ').trim()}\``;
    const branches = outs.map((b) => `${name(b.to)}${b.text ? ` (${b.text.trim()})` : ''}`).join(', ');
    diagnostics.push(importDiagnostic('TF614', { message: `\`${text}\` (line ${p.line}) is a decision, not a component: ${ins.map((a) => name(a.from)).join(', ')} was connected to each of its branches: ${branches}.`, hint: 'Check the connections; put the condition in the sender\'s description.', line: p.line }));
  }
  // A node typed only by its shape (a cylinder: some database) or a generic word ("messaging_db")
  // inside a subgraph named after a product of that sort ("MongoDB :27017") is that product.
  const zoneByRef = new Map(zones.map((z) => [z.ref, z]));
  for (const p of pnodes.values()) {
    const t = typed.get(p.ref);
    if (!t || !(t.how === 'shape' || t.how === 'undecided' || t.generic)) continue;
    for (let z = p.zone ? zoneByRef.get(p.zone) : undefined, hops = 0; z && hops < 8; z = z.parent ? zoneByRef.get(z.parent) : undefined, hops++) {
      const first = z.title.split('\n')[0] ?? '';
      const m = readName(first).meaning ?? readName(first.split(/\s*[:(]/)[0] ?? '').meaning;
      if (m && (m.strength === 'product' || m.strength === 'closest') && m.kind.category === t.kind.category) {
        typed.set(p.ref, { kind: m.kind, how: 'zone' });
        break;
      }
    }
  }
  typeFromEdges(pnodes, pedges, typed);
  // A "web server" (a gateway only by a generic word or its shape) that queries databases or
  // caches is the application server, not a proxy: proxies do not hold data connections.
  for (const p of pnodes.values()) {
    const t = typed.get(p.ref);
    if (!t || t.kind.category !== 'gateway' || !(t.generic || t.how === 'shape' || t.how === 'undecided')) continue;
    const store = pedges.some((e) => e.from === p.ref && typed.get(e.to)?.kind.category === 'store' && !typed.get(e.to)?.kind.accepts.some((x) => SYNC_PROTOCOLS.includes(x) && x !== 'http'));
    if (store) typed.set(p.ref, { kind: kindForRole('http-api')!, how: 'edges' });
  }
  // A helper drawn connected to what it serves (ZooKeeper beside Kafka) is folded into it, as the
  // compose import does (TF604): its connections become the main component's.
  const foldedInto = new Map<string, string>();
  for (const p of pnodes.values()) {
    const t = typed.get(p.ref);
    if (!t?.helper || !nodeId.has(p.ref)) continue;
    const neighbours = pedges.flatMap((e) => (e.from === p.ref ? [e.to] : e.to === p.ref ? [e.from] : []));
    const main = neighbours.find((r) => r !== p.ref && nodeId.has(r) && !foldedInto.has(r) && typed.get(r)?.kind === t.kind && !typed.get(r)?.helper);
    if (main) foldedInto.set(p.ref, main);
  }
  for (const [helper, main] of foldedInto) {
    diagnostics.push(importDiagnostic('TF604', { message: `\`${labelOf.get(helper)}\` serves \`${labelOf.get(main)}\` (${typed.get(main)!.kind.name}) and was folded into it.`, hint: 'Nothing to do: the stack runs what it needs.', nodes: [nodeId.get(main)!], line: pnodes.get(helper)!.line }));
    nodeId.set(helper, nodeId.get(main)!);
  }
  for (const p of pnodes.values()) {
    const id = nodeId.get(p.ref);
    if (!id || foldedInto.has(p.ref)) continue;
    const t = typed.get(p.ref)!;
    const label = labelOf.get(p.ref)!;
    nodes.push({ id, kind: t.kind.id, label, ...(p.zone && zoneId.has(p.zone) ? { group: zoneId.get(p.zone)! } : {}), props: {} });
    if (t.how === 'undecided') {
      diagnostics.push(importDiagnostic('TF602', { message: `The kind of \`${label}\` is undecided: neither its text, its shape nor its connections say what it is; it was imported as ${t.kind.name}.`, hint: 'Pick its kind in the inspector.', nodes: [id], line: p.line }));
    } else if (t.how !== 'exact') {
      diagnostics.push(importDiagnostic('TF611', { message: `\`${label}\` was given the kind ${t.kind.name}, from its ${t.how === 'edges' ? 'connections' : t.how === 'zone' ? 'subgraph' : t.how}.`, hint: 'Change its kind in the inspector if another fits better.', nodes: [id] }));
    }
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // A subgraph at an end of a connection (\`Workers --> Storage\`) stands for its components: the
  // connection is drawn to each of them (its direct members, else those of its nested subgraphs).
  const membersOf = (ref: string, depth = 0): string[] => {
    const direct = [...pnodes.values()].filter((p) => p.zone === ref && nodeId.has(p.ref) && !foldedInto.has(p.ref) && !zoneRefs.has(p.ref)).map((p) => p.ref);
    if (direct.length > 0 || depth > 4) return direct;
    return zones.filter((z) => z.parent === ref).flatMap((z) => membersOf(z.ref, depth + 1));
  };
  const MAX_EXPANDED = 36;
  const read: PEdge[] = [];
  for (const e of pedges) {
    const fromZone = zoneRefs.has(e.from);
    const toZone = zoneRefs.has(e.to);
    if (!fromZone && !toZone) {
      read.push(e);
      continue;
    }
    const froms = fromZone ? membersOf(e.from) : [e.from];
    const tos = toZone ? membersOf(e.to) : [e.to];
    if (froms.length === 0 || tos.length === 0 || froms.length * tos.length > MAX_EXPANDED) {
      read.push(e);
      continue;
    }
    for (const a of froms) for (const b of tos) if (a !== b) read.push({ ...e, from: a, to: b });
    const what = [fromZone ? `\`${zones.find((z) => z.ref === e.from)?.title ?? e.from}\`` : '', toZone ? `\`${zones.find((z) => z.ref === e.to)?.title ?? e.to}\`` : ''].filter(Boolean).join(' and ');
    diagnostics.push(importDiagnostic('TF614', { message: `The connection on line ${e.line} joins the subgraph ${what}: it was drawn to each of ${fromZone && toZone ? 'their' : 'its'} components.`, hint: 'Delete the connections that do not exist.', line: e.line }));
  }
  // "A -->|RabbitMQ| B" between two services, with one RabbitMQ in the diagram: the messages go through it.
  const routed: PEdge[] = [];
  for (const e of read) {
    const p = protocolIn(e.text).protocol;
    const ka = typed.get(e.from)?.kind;
    const kb = typed.get(e.to)?.kind;
    const serves = (k: KindDef) => (k.hosts ?? []).includes(p!);
    // (Not in Topoforge's own diagrams, whose every node names its kind: those say what was drawn.)
    const own = typed.get(e.from)?.how === 'exact' && typed.get(e.to)?.how === 'exact';
    if (p && !own && KINDS.some(serves) && ka && kb && !serves(ka) && !serves(kb)) {
      const hosts = [...pnodes.values()].filter((x) => nodeId.has(x.ref) && !foldedInto.has(x.ref) && !zoneRefs.has(x.ref) && typed.get(x.ref) && serves(typed.get(x.ref)!.kind));
      if (hosts.length === 1 && hosts[0]!.ref !== e.from && hosts[0]!.ref !== e.to) {
        const h = hosts[0]!.ref;
        // (Several senders to one receiver through the broker: its delivery is drawn once.)
        for (const x of [{ ...e, to: h }, { ...e, from: h }]) if (!routed.some((r) => r.from === x.from && r.to === x.to && r.text === x.text)) routed.push(x);
        diagnostics.push(importDiagnostic('TF614', { message: `\`${labelOf.get(e.from)}\` → \`${labelOf.get(e.to)}\` (line ${e.line}) says ${PROTOCOL_NAMES[p]}: it was drawn through \`${labelOf.get(h)}\`, the diagram's only ${typed.get(h)!.kind.name}.`, hint: 'Check the two connections.', line: e.line }));
        continue;
      }
    }
    routed.push(e);
  }
  const edges: TopoEdge[] = [];
  for (const e of routed) {
    let from = nodeId.get(e.from);
    let to = nodeId.get(e.to);
    if (!from || !to) {
      diagnostics.push(importDiagnostic('TF612', { message: `The connection on line ${e.line} touches a subgraph rather than a component and was skipped.`, hint: 'Draw connections between components.', line: e.line }));
      continue;
    }
    // Between a folded helper and what it serves: inside one component now.
    if (from === to && (foldedInto.has(e.from) || foldedInto.has(e.to))) continue;
    let a = getKind(byId.get(from)!.kind)!;
    let b = getKind(byId.get(to)!.kind)!;
    const found = protocolIn(e.text);
    let options = optionsBetween(a, b);
    // What the label says goes when the catalog allows it (validation judges whether it needs a broker in between).
    let protocol: Protocol | undefined = found.protocol && compatibleProtocols(a, b).includes(found.protocol) ? found.protocol : undefined;
    if (!protocol && e.dotted) protocol = options.find((p) => OBSERVABILITY_PROTOCOLS.includes(p));
    // "Produce", "Consume", "Publish", "Subscribe": the one messaging protocol the two allow.
    if (!protocol && MESSAGING_VERB.test(e.text)) {
      const messaging = options.filter((p) => MESSAGING_PROTOCOLS.includes(p));
      if (messaging.length === 1) protocol = messaging[0];
    }
    if (!protocol) {
      const d = defaultProtocol(a, b);
      if (d && options.includes(d)) protocol = d;
      else if (options.length === 1) protocol = options[0];
      // A telemetry link flowing against the arrow is not what a label naming another protocol meant.
      if (protocol && found.protocol && OBSERVABILITY_PROTOCOLS.includes(protocol) && flowOf(a, b, protocol).source === 'to') protocol = undefined;
    }
    const labelOfId = (x: string) => byId.get(x)!.label;
    if (!protocol && options.length > 1) {
      protocol = options.find((p) => SYNC_PROTOCOLS.includes(p)) ?? options[0];
      diagnostics.push(importDiagnostic('TF606', { message: `The protocol of \`${labelOfId(from)}\` → \`${labelOfId(to)}\` (line ${e.line}) was guessed: ${PROTOCOL_NAMES[protocol!]} (the catalog allows ${options.map((o) => PROTOCOL_NAMES[o]).join(', ')} and the diagram does not say which).`, hint: 'Set the protocol in the inspector.', nodes: [from, to], edges: [`${from}->${to}`], line: e.line }));
    }
    if (!protocol) {
      const back = optionsBetween(b, a);
      const turned = (found.protocol && back.includes(found.protocol) ? found.protocol : undefined) ?? (found.protocol ? undefined : (defaultProtocol(b, a) ?? (back.length === 1 ? back[0] : undefined)));
      if (turned && back.includes(turned) && !(found.protocol && OBSERVABILITY_PROTOCOLS.includes(turned))) {
        // Drawn the way the answer flows; the catalog has the call the other way round.
        diagnostics.push(importDiagnostic('TF605', { message: `\`${labelOfId(from)}\` → \`${labelOfId(to)}\` (line ${e.line}) was turned around: in the catalog ${b.name} calls ${a.name} over ${PROTOCOL_NAMES[turned]}, not the other way.`, hint: 'Check its direction.', nodes: [from, to], edges: [`${to}->${from}`], line: e.line }));
        [from, to] = [to, from];
        [a, b] = [b, a];
        options = back;
        protocol = turned;
      } else {
        // What the label says, else what the target serves (a Kafka carries Kafka).
        protocol = found.protocol ?? (isBroker(b) || !isBroker(a) ? servedProtocol(b) : servedProtocol(a));
        diagnostics.push(
          importDiagnostic('TF605', {
            message: protocol
              ? `\`${labelOfId(from)}\` (${a.name}) → \`${labelOfId(to)}\` (${b.name}) on line ${e.line} ${found.protocol ? 'says' : 'would be'} ${PROTOCOL_NAMES[protocol]}, which the catalog does not allow between these kinds; the connection was not drawn.`
              : `\`${labelOfId(from)}\` (${a.name}) → \`${labelOfId(to)}\` (${b.name}) on line ${e.line}: the catalog has no protocol between these kinds; the connection was not drawn.`,
            hint: 'Change the kind of one end if another fits better, then draw the connection.',
            nodes: [from, to],
            line: e.line,
          }),
        );
        // A drawn connection would fail validation for the kinds the import chose, not for what the diagram says.
        continue;
      }
    }
    const edge: TopoEdge = { from, to, ...(protocol ? { protocol } : {}), props: protocol && found.protocol === protocol ? detailProps(protocol, found.detail) : {} };
    if (found.own) edge.label = found.own;
    else if (found.protocol && found.protocol !== protocol && e.text) edge.label = e.text.replace(/\s+/g, ' ').trim();
    edges.push(edge);
  }
  doc.groups = groups;
  doc.nodes = nodes;
  doc.edges = edges;
  return { doc, diagnostics };
}

interface Typed {
  kind: KindDef;
  /** What decided it. */
  how: 'exact' | 'text' | 'shape' | 'zone' | 'edges' | 'undecided';
  /** Only a generic word or "service" decided it: the connections may say better. */
  weak?: boolean;
  /** The text said the sort of thing ("Storage") but not which. */
  sort?: KindDef['category'];
  /** The text named only a generic word of its sort ("db", "cache"), not a product. */
  generic?: boolean;
  /** A helper of its kind (ZooKeeper of Kafka), folded into a component of that kind drawn beside it. */
  helper?: boolean;
}

/** What the catalog lets `from` send `to`, telemetry included, in the target's order of preference. */
function optionsBetween(from: KindDef, to: KindDef): Protocol[] {
  const direct = viable(from, to);
  return compatibleProtocols(from, to).filter((p) => direct.includes(p) || OBSERVABILITY_PROTOCOLS.includes(p));
}

/** A node's kind from its text (the first line is its name), then its class and shape. */
function typeFromText(p: PNode, lines: string[], classes: string[]): Typed {
  const first = lines[0] ?? p.ref;
  // The whole first line, else its first item ("Apache Kafka + Zookeeper", "Dashboard, portal, and").
  const items = [first, ...first.split(/\s*(?:\+|,|&|\/|\band\b|\bor\b)\s*/i).filter(Boolean)];
  const reading = items.map((t) => readName(t)).find((r) => r.meaning) ?? readName(first);
  const m = reading.meaning;
  const hinted = readShape(p.shape) ?? classes.map(readClass).find(Boolean);
  if (m && (m.strength === 'product' || m.strength === 'closest' || m.strength === 'helper')) return { kind: m.kind, how: 'text', ...(m.strength === 'helper' ? { helper: true } : {}) };
  if (m && !roleOf(m.kind)) {
    // A generic word ("database", "cache", "gateway"): a shape of another category says more.
    if (hinted && hinted.category !== m.kind.category) return { kind: hinted, how: 'shape' };
    return { kind: m.kind, how: 'text', generic: true };
  }
  if (m) {
    // A role word ("API", "worker", "UI"): a shape or class that says "store" or "gateway" outranks it.
    if (hinted && hinted.category !== m.kind.category) return { kind: hinted, how: 'shape' };
    return { kind: m.kind, how: 'text', weak: m.strength === 'suffix' || roleOf(m.kind) === 'consumer' };
  }
  // A product named in the name though not as its last word ("jaeger-remote-storage"), or on its own line ("Eclipse Mosquitto").
  const mention = reading.mentions[0] ?? lines.slice(1).map((l) => readName(l).meaning).find((x) => x && x.strength !== 'word' && x.strength !== 'suffix' && !roleOf(x.kind))?.kind;
  if (mention) return { kind: mention, how: 'text' };
  if (hinted) return { kind: hinted, how: 'shape' };
  // "Storage", "event broker": the sort of thing but not the product; the catalog's usual one, undecided.
  if (reading.category) {
    const sort = words(first).pop() ?? '';
    const usual = KINDS.find((k) => hintsOf(k).sorts?.includes(sort)) ?? KINDS.find((k) => k.category === reading.category && hintsOf(k).shapes?.length);
    if (usual) return { kind: usual, how: 'undecided', sort: reading.category };
  }
  return { kind: kindForRole('http-api')!, how: 'undecided' };
}

/**
 * Kinds from connections, for nodes whose text said nothing or only something generic: a node
 * that serves gRPC (or SQL, Redis …) edges is a gRPC service (a database, a cache …); one that
 * takes and passes on the same messaging protocol is its broker; one that only reads from brokers
 * is a worker; one others call is an HTTP API.
 */
function typeFromEdges(pnodes: Map<string, PNode>, pedges: PEdge[], typed: Map<string, Typed>): void {
  const into = new Map<string, PEdge[]>();
  const outof = new Map<string, PEdge[]>();
  const add = (m: Map<string, PEdge[]>, k: string, e: PEdge) => {
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  };
  for (const e of pedges) {
    if (e.from === e.to) continue;
    add(into, e.to, e);
    add(outof, e.from, e);
  }
  for (let round = 0; round < 2; round++) {
    for (const p of pnodes.values()) {
      const t = typed.get(p.ref);
      if (!t || !(t.how === 'undecided' || t.weak)) continue;
      const inn = into.get(p.ref) ?? [];
      const out = outof.get(p.ref) ?? [];
      const said = (list: PEdge[]) => list.map((e) => protocolIn(e.text).protocol).filter((x): x is Protocol => !!x);
      const served = said(inn);
      const passed = said(out);
      const kindOfRef = (ref: string) => typed.get(ref)?.kind;
      let kind: KindDef | undefined;
      const messaging = served.find((x) => MESSAGING_PROTOCOLS.includes(x) && passed.includes(x));
      const api = (['grpc', 'graphql'] as Protocol[]).find((x) => served.includes(x));
      const store = served.find((x) => !SYNC_PROTOCOLS.includes(x) && !MESSAGING_PROTOCOLS.includes(x) && !OBSERVABILITY_PROTOCOLS.includes(x));
      if (messaging && t.how === 'undecided') kind = hostKind(messaging);
      else if (api) kind = kindForRole(api === 'grpc' ? 'grpc-api' : 'graphql-api');
      else if (store && t.how === 'undecided') kind = KINDS.find((k) => k.accepts.length === 1 && k.accepts[0] === store && !k.external);
      else if (inn.length > 0 && inn.every((e) => kindOfRef(e.from) && isBroker(kindOfRef(e.from)!) && !SYNC_PROTOCOLS.includes(protocolIn(e.text).protocol ?? 'kafka'))) kind = kindForRole('consumer');
      else if (t.sort) kind = undefined;
      else if (served.some((x) => SYNC_PROTOCOLS.includes(x)) || inn.some((e) => { const k = kindOfRef(e.from); return !!k && !isBroker(k) && (k.category === 'service' || k.category === 'gateway') && !protocolIn(e.text).protocol; })) {
        // Called: an API, unless it already is something that answers calls.
        if (!t.kind.accepts.some((x) => SYNC_PROTOCOLS.includes(x))) kind = kindForRole('http-api');
        else if (t.how === 'undecided') kind = t.kind;
      }
      if (kind) typed.set(p.ref, { kind, how: t.how === 'undecided' || kind !== t.kind ? 'edges' : t.how });
    }
  }
}
