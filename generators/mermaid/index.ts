import { getKind } from '../../shared/catalog';
import { OBSERVABILITY_PROTOCOLS } from '../../shared/model/types';
import type { TopoNode, Topology } from '../../shared/model/types';
import { edgeCaption, edgeProtocol } from './edges';
import { accessibleText, groupRef, mermaidLabel, nodeRef } from './escape';
import { EXTERNAL_STYLE, PALETTE_DARK, PALETTE_DEFAULT, shapeOf, STYLE_ORDER } from './style';
import type { StyleClass } from './style';
import type { ResolvedDesign } from '../../shared/resolve';
import { outputModel, perModel } from '../output-model';

export interface MermaidOptions {
  /** Pins Mermaid's theme and picks a palette for it; without it the diagram suits light and dark pages. */
  theme?: 'light' | 'dark';
}

export { nodeRef, groupRef } from './escape';

/**
 * The design as a Mermaid flowchart (`flowchart LR`): one subgraph per zone, a shape and a
 * colour per component category, node text "label / kind", edge labels "protocol: topic".
 * Same design, same text. Edges whose ends are not in the design are left out (validation
 * reports them), so the diagram has exactly the design's nodes and connections.
 */
export function generateMermaid(design: Topology | ResolvedDesign, opts: MermaidOptions = {}): string {
  // Credentials typed into the design are shown as ${VARIABLE} references (TF509).
  const model = outputModel(design);
  // The bundle writes it as diagram.mmd and embeds it in INTEGRATION.md: drawn once per model.
  return opts.theme ? drawMermaid(model.doc, opts) : perModel(drawn, model, (m) => drawMermaid(m.doc, opts));
}

const drawn = new WeakMap<ResolvedDesign, string>();

function drawMermaid(doc: Topology, opts: MermaidOptions): string {
  const lines = new LineBuffer();
  if (opts.theme) lines.push('---', 'config:', `  theme: ${opts.theme === 'dark' ? 'dark' : 'default'}`, '---');
  lines.push('flowchart LR');
  const title = accessibleText(doc.name, 200);
  if (title) lines.push(`  accTitle: ${title}`);
  const descr = accessibleText(doc.description ?? '', 500);
  if (descr) lines.push(`  accDescr: ${descr}`);

  // One node per id (a duplicate id in an invalid file is drawn once).
  const nodes = new Map<string, TopoNode>();
  for (const n of doc.nodes ?? []) if (typeof n?.id === 'string' && !nodes.has(n.id)) nodes.set(n.id, n);

  // Each id's Mermaid name, worked out once (a node is named by its line, its edges and its class).
  const refs = new Map<string, string>();
  const ref = (id: string): string => {
    let r = refs.get(id);
    if (r === undefined) refs.set(id, (r = nodeRef(id)));
    return r;
  };

  const groupIds = new Set((doc.groups ?? []).map((g) => g.id));
  const nodeLine = (n: TopoNode, indent: string): string => {
    const kind = getKind(n.kind);
    const shape = shapeOf(kind);
    const label = mermaidLabel(n.label, 60, n.id);
    const kindName = mermaidLabel(kind ? kind.name : `unknown kind ${n.kind}`, 40);
    return `${indent}${ref(n.id)}${shape.open}"${label}<br/>${kindName}"${shape.close}`;
  };

  // Nodes by zone, in design order (one pass instead of one per zone).
  const inGroup = new Map<string, TopoNode[]>();
  for (const n of nodes.values()) {
    if (typeof n.group !== 'string') continue;
    const list = inGroup.get(n.group);
    if (list) list.push(n);
    else inGroup.set(n.group, [n]);
  }
  const seenGroups = new Set<string>();
  for (const g of doc.groups ?? []) {
    if (seenGroups.has(g.id)) continue;
    seenGroups.add(g.id);
    lines.push(`  subgraph ${groupRef(g.id)}["${mermaidLabel(g.label, 60, g.id)}"]`);
    lines.push('    direction LR');
    const zoneNodes = typeof g.id === 'string' ? (inGroup.get(g.id) ?? []) : [...nodes.values()].filter((n) => n.group === g.id);
    for (const n of zoneNodes) lines.push(nodeLine(n, '    '));
    lines.push('  end');
  }
  for (const n of nodes.values()) if (!n.group || !groupIds.has(n.group)) lines.push(nodeLine(n, '  '));

  for (const e of doc.edges ?? []) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue;
    const protocol = edgeProtocol(e, nodes);
    const caption = mermaidLabel(edgeCaption(e, protocol), 60);
    const arrow = protocol && OBSERVABILITY_PROTOCOLS.includes(protocol) ? '-.->' : '-->';
    lines.push(`  ${ref(e.from)} ${arrow}${caption ? `|"${caption}"|` : ''} ${ref(e.to)}`);
  }

  // Styles: one class per category, plus a dashed outline for external systems.
  const palette = opts.theme === 'dark' ? PALETTE_DARK : PALETTE_DEFAULT;
  const members = new Map<StyleClass, string[]>();
  const external: string[] = [];
  for (const n of nodes.values()) {
    const kind = getKind(n.kind);
    const cls: StyleClass = kind ? kind.category : 'unknown';
    const list = members.get(cls);
    if (list) list.push(ref(n.id));
    else members.set(cls, [ref(n.id)]);
    if (kind?.external) external.push(ref(n.id));
  }
  for (const cls of STYLE_ORDER) {
    const refs = members.get(cls);
    if (!refs) continue;
    const s = palette[cls];
    lines.push(`  classDef ${cls} fill:${s.fill},stroke:${s.stroke},color:${s.color},stroke-width:1px`);
    lines.push(`  class ${refs.join(',')} ${cls}`);
  }
  if (external.length) {
    lines.push(`  classDef external ${EXTERNAL_STYLE}`);
    lines.push(`  class ${external.join(',')} external`);
  }
  for (const g of seenGroups) lines.push(`  style ${groupRef(g)} fill:none,stroke:#868e96,stroke-width:1px,stroke-dasharray:4 4`);
  return lines.text();
}

/**
 * Lines joined by newlines (and one at the end). Each few hundred lines are joined as they come,
 * while their pieces are fresh: 30,000 lines of 10,000 components held to the end as strings of
 * pieces cost more to join (and to keep) than the rest of the diagram.
 */
class LineBuffer {
  private chunk: string[] = [];
  private readonly chunks: string[] = [];

  push(...lines: string[]): void {
    for (const l of lines) {
      this.chunk.push(l);
      if (this.chunk.length === 256) {
        this.chunks.push(this.chunk.join('\n'));
        this.chunk = [];
      }
    }
  }

  text(): string {
    if (this.chunk.length > 0) this.chunks.push(this.chunk.join('\n'));
    this.chunk = [];
    return `${this.chunks.join('\n')}\n`;
  }
}
