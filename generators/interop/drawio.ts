import type { Figure, KindDef } from '../../shared/catalog';
import { NODE_HEIGHT, NODE_WIDTH } from '../../shared/layout';
import { componentLayout } from '../doc/layout';
import type { Position, Topology } from '../../shared/model/types';
import { OBSERVABILITY_PROTOCOLS } from '../../shared/model/types';
import { edgeCaption } from '../mermaid/edges';
import { PALETTE_DEFAULT } from '../mermaid/style';
import { readDesign } from './util';
import { LONE_SURROGATE } from '../../shared/text';
import type { ResolvedDesign } from '../../shared/resolve';
import { outputModel } from '../output-model';

/**
 * `diagram.drawio`: the design as a draw.io (diagrams.net) file. A cell per component, shaped
 * by category (a cylinder for stores, a hexagon for gateways, a process box for brokers …),
 * zones as swimlane containers holding their components, connections with their protocol
 * label. Positions come from the design's layout; anything without one is placed by
 * `quickLayout` (call `withLayout` first for ELK's layout). Labels are plain text (no HTML).
 */

/**
 * Text for an XML attribute value: every markup character as an entity, line breaks kept,
 * invalid characters dropped, and format characters (bidirectional overrides, zero-width) a
 * space, as in every other file (shared/text.ts).
 */
export function xmlAttr(value: unknown): string {
  return String(value ?? '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/\p{Cf}/gu, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r\n?/g, '\n')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** A draw.io style value may not contain `;` or `=`; colours and keys here are ours. */
/** draw.io outlines for the catalog's figures of services (the others keep the rounded box). */
const FIGURES: Partial<Record<Figure, string>> = {
  cloud: 'shape=cloud;',
  stadium: 'rounded=1;arcSize=40;',
  'inv-trapezoid': 'shape=trapezoid;perimeter=trapezoidPerimeter;size=0.1;',
};

function styleOf(kind: KindDef): string {
  const s = PALETTE_DEFAULT[kind.category];
  const base = `html=0;whiteSpace=wrap;fillColor=${s.fill};strokeColor=${s.stroke};fontColor=${s.color};`;
  let shape: string;
  switch (kind.category) {
    case 'store':
      shape = 'shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=12;';
      break;
    case 'gateway':
      shape = 'shape=hexagon;perimeter=hexagonPerimeter2;size=0.12;fixedSize=0;';
      break;
    case 'broker':
      shape = 'shape=process;backgroundOutline=1;size=0.08;';
      break;
    case 'observability':
      shape = 'shape=ellipse;perimeter=ellipsePerimeter;';
      break;
    case 'security':
      shape = 'shape=card;size=14;';
      break;
    case 'plumbing':
      shape = 'shape=parallelogram;perimeter=parallelogramPerimeter;size=0.1;';
      break;
    default:
      shape = (kind.figure && FIGURES[kind.figure]) || 'rounded=1;arcSize=12;';
  }
  return `${shape}${base}${kind.external ? 'dashed=1;dashPattern=6 4;' : ''}topoforgeKind=${kind.id};`;
}

const ZONE_STYLE = 'swimlane;html=0;whiteSpace=wrap;startSize=28;fillColor=none;strokeColor=#868e96;dashed=1;rounded=1;arcSize=4;collapsible=0;container=1;';
const EDGE_STYLE = 'edgeStyle=orthogonalEdgeStyle;html=0;rounded=1;orthogonalLoop=1;jettySize=auto;endArrow=block;endFill=1;labelBackgroundColor=#ffffff;';

export function generateDrawio(design: Topology | ResolvedDesign): string {
  // Credentials typed into the design are written as ${VARIABLE} references (TF509).
  const { nodes, edges, resolved } = readDesign(outputModel(design));
  const doc = resolved.doc;
  const pos: Record<string, Position> = componentLayout(resolved);
  const zoneIds = new Set<string>();
  const zones = (Array.isArray(doc.groups) ? doc.groups : []).filter((g) => g && typeof g.id === 'string' && /^[a-z][a-z0-9-]*$/.test(g.id) && !zoneIds.has(g.id) && zoneIds.add(g.id));
  const num = (v: number | undefined, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : d);

  const cells: string[] = ['        <mxCell id="0" />', '        <mxCell id="1" parent="0" />'];
  for (const z of zones) {
    const p = pos[z.id] ?? { x: 0, y: 0 };
    const label = typeof z.label === 'string' ? z.label : z.id;
    cells.push(
      `        <mxCell id="zone-${z.id}" value="${xmlAttr(label)}" style="${ZONE_STYLE}" vertex="1" parent="1">`,
      `          <mxGeometry x="${num(p.x)}" y="${num(p.y)}" width="${num(p.w, 240)}" height="${num(p.h, 120)}" as="geometry" />`,
      '        </mxCell>',
    );
  }
  for (const n of nodes) {
    const p = pos[n.id] ?? { x: 0, y: 0 };
    const zone = n.group && zoneIds.has(n.group) ? n.group : undefined;
    // Children of a container are placed relative to it.
    const zp = zone ? pos[zone] ?? { x: 0, y: 0 } : { x: 0, y: 0 };
    cells.push(
      `        <mxCell id="node-${n.id}" value="${xmlAttr(n.label)}" style="${styleOf(n.kind)}" vertex="1" parent="${zone ? `zone-${zone}` : '1'}">`,
      `          <mxGeometry x="${num(p.x) - num(zp.x)}" y="${num(p.y) - num(zp.y)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" as="geometry" />`,
      '        </mxCell>',
    );
  }
  edges.forEach((e, i) => {
    const caption = edgeCaption(e.raw, e.protocol);
    const obs = e.protocol && OBSERVABILITY_PROTOCOLS.includes(e.protocol) ? 'dashed=1;' : '';
    const proto = e.protocol ? `topoforgeProtocol=${e.protocol};` : '';
    cells.push(
      `        <mxCell id="edge-${i + 1}" value="${xmlAttr(caption)}" style="${EDGE_STYLE}${obs}${proto}" edge="1" parent="1" source="node-${e.from.id}" target="node-${e.to.id}">`,
      '          <mxGeometry relative="1" as="geometry" />',
      '        </mxCell>',
    );
  });

  const all = Object.values(pos);
  const width = all.length ? Math.max(850, ...all.map((p) => num(p.x) + num(p.w, NODE_WIDTH))) + 40 : 850;
  const height = all.length ? Math.max(1100, ...all.map((p) => num(p.y) + num(p.h, NODE_HEIGHT))) + 40 : 1100;
  const name = typeof doc.name === 'string' && doc.name.trim() ? doc.name : 'Design';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="Topoforge" agent="Topoforge" version="24.7.17" type="device">',
    `  <diagram id="topoforge" name="${xmlAttr(name)}">`,
    `    <mxGraphModel dx="1200" dy="800" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="${width}" pageHeight="${height}" math="0" shadow="0">`,
    '      <root>',
    ...cells,
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}
