import type { Position, Topology } from '../../shared/model/types';
import { OBSERVABILITY_PROTOCOLS } from '../../shared/model/types';
import { diagramLayout, NODE_HEIGHT, NODE_WIDTH } from './layout';
import type { ResolvedDesign } from '../../shared/resolve';
import { PROTOCOL_NAMES } from '../../shared/catalog';
import { EXTERNAL_STYLE, PALETTE_DEFAULT } from '../mermaid/style';

/**
 * The design's diagram as a standalone SVG, drawn from the design and its layout (positions the
 * canvas keeps; missing ones placed by the quick layout): zones as labelled boxes, components as
 * boxes coloured by category (external ones dashed), connections as arrows in the data-flow
 * direction with their protocol. No script, no external reference, every text escaped: it is
 * embedded as it is in INTEGRATION.html and prints with it.
 */

const MARGIN = 24;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const XML_PLAIN = /^[ !#-%(-;=?-~]*$/;

/** XML text: the five special characters escaped, control characters dropped. */
export function xml(text: string): string {
  // Printable ASCII without a special character (most labels): nothing to replace.
  if (XML_PLAIN.test(text)) return text;
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
    // Other controls, format characters (bidi overrides, zero-width) and line separators: a space, as in the Markdown.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Text cut to about `max` characters on one line. */
function fit(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  // At most as many code points as code units: short text needs no counting.
  if (one.length <= max) return one;
  const chars = Array.from(one);
  return chars.length <= max ? one : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

const r = (n: number) => Math.round(n * 10) / 10;

/** Where the segment from the centre of a box towards (tx, ty) leaves the box. */
function border(cx: number, cy: number, w: number, h: number, tx: number, ty: number): [number, number] {
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}

export function diagramSvg(doc: Topology, resolved: ResolvedDesign): string {
  const pos = diagramLayout(doc, resolved);
  const boxes = new Map<string, { x: number; y: number }>();
  for (const c of resolved.components) {
    const p = pos[c.id];
    if (p) boxes.set(c.id, { x: p.x, y: p.y });
  }
  const zones: { label: string; p: Position }[] = [];
  for (const z of resolved.zones) {
    const p = pos[z.id];
    if (p && p.w && p.h) zones.push({ label: z.label, p });
  }
  const xs = [...[...boxes.values()].flatMap((b) => [b.x, b.x + NODE_WIDTH]), ...zones.flatMap((z) => [z.p.x, z.p.x + (z.p.w ?? 0)])];
  const ys = [...[...boxes.values()].flatMap((b) => [b.y, b.y + NODE_HEIGHT]), ...zones.flatMap((z) => [z.p.y, z.p.y + (z.p.h ?? 0)])];
  const x0 = (xs.length ? Math.min(...xs) : 0) - MARGIN;
  const y0 = (ys.length ? Math.min(...ys) : 0) - MARGIN;
  const width = (xs.length ? Math.max(...xs) : 200) - x0 + MARGIN;
  const height = (ys.length ? Math.max(...ys) : 80) - y0 + MARGIN;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${r(x0)} ${r(y0)} ${r(width)} ${r(height)}" width="${r(width)}" height="${r(height)}" role="img" aria-labelledby="tf-diagram-title" font-family="${xml(FONT)}">`,
    `<title id="tf-diagram-title">${xml(fit(resolved.doc.name || 'Design', 200))}: ${resolved.components.length} components, ${resolved.flows.length} connections</title>`,
    '<defs><marker id="tf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#495057"/></marker></defs>',
  );
  for (const z of zones) {
    out.push(`<g class="zone"><rect x="${r(z.p.x)}" y="${r(z.p.y)}" width="${r(z.p.w!)}" height="${r(z.p.h!)}" rx="10" fill="#f8f9fa" stroke="#868e96" stroke-dasharray="4 4"/><text x="${r(z.p.x + 12)}" y="${r(z.p.y + 22)}" font-size="13" font-weight="600" fill="#495057">${xml(fit(z.label, Math.max(8, Math.floor((z.p.w ?? 240) / 8))))}</text></g>`);
  }
  for (const f of resolved.flows) {
    const a = boxes.get(f.source.id);
    const b = boxes.get(f.sink.id);
    if (!a || !b || f.source === f.sink) continue;
    const [ax, ay] = [a.x + NODE_WIDTH / 2, a.y + NODE_HEIGHT / 2];
    const [bx, by] = [b.x + NODE_WIDTH / 2, b.y + NODE_HEIGHT / 2];
    const [sx, sy] = border(ax, ay, NODE_WIDTH, NODE_HEIGHT, bx, by);
    const [ex, ey] = border(bx, by, NODE_WIDTH, NODE_HEIGHT, ax, ay);
    const dashed = f.protocol && OBSERVABILITY_PROTOCOLS.includes(f.protocol);
    // Telemetry arrows stay unlabelled (the caption says what dashed arrows carry): they would cover the rest.
    const label = f.protocol && !dashed ? PROTOCOL_NAMES[f.protocol] : '';
    const mx = (sx + ex) / 2;
    const my = (sy + ey) / 2;
    const lw = Array.from(label).length * 6.2 + 8;
    out.push(
      `<g class="flow"><line x1="${r(sx)}" y1="${r(sy)}" x2="${r(ex)}" y2="${r(ey)}" stroke="#495057" stroke-width="1.4"${dashed ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#tf-arrow)"/>` +
        (label ? `<rect x="${r(mx - lw / 2)}" y="${r(my - 8)}" width="${r(lw)}" height="16" rx="3" fill="#ffffff" fill-opacity="0.9"/><text x="${r(mx)}" y="${r(my + 4)}" font-size="11" text-anchor="middle" fill="#343a40">${xml(label)}</text>` : '') +
        '</g>',
    );
  }
  for (const c of resolved.components) {
    const b = boxes.get(c.id);
    if (!b) continue;
    const sw = PALETTE_DEFAULT[c.kind.category] ?? PALETTE_DEFAULT.unknown;
    const dash = c.containerised ? '' : ` stroke-dasharray="${EXTERNAL_STYLE.split(':')[1]}"`;
    out.push(
      `<g class="component" data-service="${xml(c.service)}"><rect x="${r(b.x)}" y="${r(b.y)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="${sw.fill}" stroke="${sw.stroke}" stroke-width="1.5"${dash}/>` +
        `<text x="${r(b.x + NODE_WIDTH / 2)}" y="${r(b.y + 28)}" font-size="14" font-weight="600" text-anchor="middle" fill="${sw.color}">${xml(fit(c.label, 24))}</text>` +
        `<text x="${r(b.x + NODE_WIDTH / 2)}" y="${r(b.y + 48)}" font-size="12" text-anchor="middle" fill="${sw.color}">${xml(fit(`${c.kind.name}${c.containerised ? '' : ' (external)'}`, 28))}</text>` +
        `<text x="${r(b.x + NODE_WIDTH / 2)}" y="${r(b.y + 63)}" font-size="10" font-family="ui-monospace, SFMono-Regular, Menlo, monospace" text-anchor="middle" fill="${sw.color}">${xml(fit(c.service, 30))}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
