import { getKind } from '../../shared/catalog';
import { edgeIds } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/types';
import { edgeCaption, edgeProtocol } from '../../generators/mermaid/edges';
import { arrowOf, labelSpot, pathOf, routeFor, type Box, type KnownRoute } from '../canvas/geometry';
import { iconFor, readableColor } from '../icons';
import { DEFAULT_ZONE, NODE_HEIGHT, NODE_WIDTH, positionsOf } from '../store/derive';

/**
 * The design as a real SVG: shapes, paths and `<text>` built from the document and its layout
 * (no snapshot of the page), so it opens and edits in Inkscape, draw.io or a browser. The
 * connections take the same routes as on the canvas (canvas/geometry.ts), the colours are the
 * current theme's. The PNG export is this SVG drawn at twice the size.
 */

export interface SvgTheme {
  bg: string;
  text: string;
  muted: string;
  nodeBg: string;
  nodeBorder: string;
  edge: string;
  labelBg: string;
  labelBorder: string;
  zone: Record<string, string>;
  zoneDefault: string;
  category: Record<string, string>;
  font: string;
}

/** The theme's colours, read from the stylesheet's variables. */
export function themeColours(root: Element = document.documentElement): SvgTheme {
  const cs = getComputedStyle(root);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const cats = ['service', 'gateway', 'broker', 'plumbing', 'store', 'observability', 'security', 'unknown'];
  return {
    bg: v('--canvas-bg', '#ffffff'),
    text: v('--text', '#1b2230'),
    muted: v('--muted', '#7a8494'),
    nodeBg: v('--node-bg', '#ffffff'),
    nodeBorder: v('--node-border', '#d9dde4'),
    edge: v('--edge', '#8a93a3'),
    labelBg: v('--edge-label-bg', '#ffffff'),
    labelBorder: v('--border', '#e2e5ea'),
    zone: { internet: v('--trust-internet', '#ef4444'), dmz: v('--trust-dmz', '#f59e0b'), internal: v('--trust-internal', '#6366f1'), restricted: v('--trust-restricted', '#0f766e') },
    zoneDefault: v('--zone-border', '#b8bff0'),
    category: Object.fromEntries(cats.map((c) => [c, v(`--cat-${c}`, '#64748b')])),
    font: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, Noto Sans, sans-serif',
  };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** `text` cut to about `px` pixels of `size`-pixel type, with an ellipsis (the full text stays in the element's title). */
function fit(text: string, px: number, size: number): string {
  const max = Math.floor(px / (size * 0.56));
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

const PAD = 32;

/** The SVG text of the whole design. `known`: the connections' routes from the last layout (layout/routes.ts). */
export function designSvg(doc: Topology, known: ReadonlyMap<string, KnownRoute>, theme: SvgTheme): string | undefined {
  const pos = positionsOf(doc);
  const zoneIds = new Set(doc.groups.map((g) => g.id));
  const boxes = new Map<string, Box>();
  for (const [id, p] of pos) boxes.set(id, zoneIds.has(id) ? { x: p.x, y: p.y, w: p.w ?? DEFAULT_ZONE.w, h: p.h ?? DEFAULT_ZONE.h } : { x: p.x, y: p.y, w: NODE_WIDTH, h: NODE_HEIGHT });
  if (!boxes.size) return undefined;
  const comps = doc.nodes.map((n) => ({ id: n.id, ...boxes.get(n.id)! }));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const ids = edgeIds(doc.edges);

  // Connections first (their extent counts in the bounds).
  const edges: string[] = [];
  const labels: string[] = [];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const grow = (x: number, y: number, w = 0, h = 0) => {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  };
  for (const b of boxes.values()) grow(b.x, b.y, b.w, b.h);
  const routeAround = doc.edges.length <= 400;
  doc.edges.forEach((e, i) => {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (!a || !b || !byId.has(e.from) || !byId.has(e.to) || e.from === e.to) return;
    const near = routeAround ? comps.filter((c) => c.id !== e.from && c.id !== e.to && c.x < Math.max(a.x + a.w, b.x + b.w) + 160 && Math.min(a.x, b.x) - 160 < c.x + c.w && c.y < Math.max(a.y + a.h, b.y + b.h) + 160 && Math.min(a.y, b.y) - 160 < c.y + c.h) : [];
    const pts = routeFor(known.get(ids[i]!), a, b, routeAround ? near : undefined);
    for (const p of pts) grow(p.x, p.y);
    const protocol = edgeProtocol(e, byId);
    const caption = edgeCaption(e, protocol);
    const from = byId.get(e.from)!;
    const to = byId.get(e.to)!;
    edges.push(
      `<g class="connection" id="${esc(`edge-${ids[i]}`)}"><title>${esc(`${from.label || from.id} → ${to.label || to.id}${caption ? `: ${caption}` : ''}`)}</title>` +
        `<path d="${pathOf(pts)}" fill="none" stroke="${theme.edge}" stroke-width="1.6"/>` +
        `<path d="${arrowOf(pts, 1.6)}" fill="${theme.edge}" stroke="${theme.edge}" stroke-width="1.28" stroke-linejoin="round"/></g>`,
    );
    if (caption) {
      const w = Math.min(220, caption.length * 6.3 + 18);
      const at = labelSpot(pts, w, 18, [...near, a, b]);
      const shown = fit(caption, w - 16, 11);
      labels.push(
        `<g class="connection-label"><rect x="${(at.x - w / 2).toFixed(1)}" y="${(at.y - 9).toFixed(1)}" width="${w.toFixed(1)}" height="18" rx="9" fill="${theme.labelBg}" stroke="${theme.labelBorder}"/>` +
          `<text x="${at.x.toFixed(1)}" y="${(at.y + 3.8).toFixed(1)}" text-anchor="middle" font-size="11" font-weight="500" fill="${theme.muted}">${esc(shown)}</text></g>`,
      );
    }
  });

  const zones = doc.groups.map((g) => {
    const b = boxes.get(g.id)!;
    const c = (typeof g.trust === 'string' && theme.zone[g.trust]) || theme.zoneDefault;
    const label = g.label || g.id;
    return (
      `<g class="zone" id="${esc(`zone-${g.id}`)}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="14" fill="${c}" fill-opacity="0.05" stroke="${c}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
      `<text x="${b.x + 14}" y="${b.y + 22}" font-size="12" font-weight="600" fill="${c}">${esc(fit(label, b.w - 28, 12))}${typeof g.trust === 'string' ? `<tspan dx="8" font-size="10" font-weight="500" fill="${theme.muted}">${esc(g.trust.toUpperCase())}</tspan>` : ''}</text></g>`
    );
  });

  const nodes = doc.nodes.map((n) => {
    const b = boxes.get(n.id)!;
    const kind = getKind(n.kind);
    const cat = theme.category[kind?.category ?? 'unknown'] ?? theme.category.unknown!;
    const icon = iconFor(kind?.icon);
    const ix = b.x + 14;
    const iy = b.y + (b.h - 38) / 2;
    const glyph =
      icon.type === 'brand'
        ? `<g transform="translate(${ix + 8} ${iy + 8}) scale(0.9167)"><path d="${icon.path}" fill="${readableColor(icon.color)}"/></g>`
        : `<g transform="translate(${ix + 8} ${iy + 8}) scale(0.9167)" fill="none" stroke="${cat}" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">${icon.body}</g>`;
    const label = n.label || n.id;
    const sub = `${kind?.name ?? n.kind}${kind?.external ? ' · external' : ''}`;
    return (
      `<g class="component" id="${esc(`component-${n.id}`)}"><title>${esc(`${label} (${sub})`)}</title>` +
      `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="10" fill="${theme.nodeBg}" stroke="${theme.nodeBorder}"/>` +
      `<rect x="${b.x}" y="${b.y + 8}" width="3" height="${b.h - 16}" rx="1.5" fill="${cat}"/>` +
      `<rect x="${ix}" y="${iy}" width="38" height="38" rx="8" fill="${cat}" fill-opacity="0.1"/>${glyph}` +
      `<text x="${ix + 50}" y="${b.y + b.h / 2 - 3}" font-size="13" font-weight="600" fill="${theme.text}">${esc(fit(label, b.w - 76, 13))}</text>` +
      `<text x="${ix + 50}" y="${b.y + b.h / 2 + 13}" font-size="11.5" fill="${theme.muted}">${esc(fit(sub, b.w - 76, 11.5))}</text></g>`
    );
  });

  const vx = Math.floor(x0 - PAD);
  const vy = Math.floor(y0 - PAD);
  const w = Math.ceil(x1 - x0 + 2 * PAD);
  const h = Math.ceil(y1 - y0 + 2 * PAD);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${vx} ${vy} ${w} ${h}" font-family="${esc(theme.font)}">\n` +
    `<title>${esc(doc.name || 'Design')}</title>\n` +
    `<rect x="${vx}" y="${vy}" width="${w}" height="${h}" fill="${theme.bg}"/>\n` +
    `<g class="zones">${zones.join('\n')}</g>\n<g class="components">${nodes.join('\n')}</g>\n<g class="connections">${edges.join('\n')}</g>\n<g class="labels">${labels.join('\n')}</g>\n</svg>\n`
  );
}

/** The SVG drawn into a PNG at `scale` times its size (kept within browsers' canvas limits). */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const m = /width="(\d+)" height="(\d+)"/.exec(svg);
  const w = Number(m?.[1] ?? 800);
  const h = Number(m?.[2] ?? 600);
  const k = Math.min(scale, 16000 / w, 16000 / h, Math.sqrt(200e6 / (w * h)));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * k);
    canvas.height = Math.round(h * k);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(k, k);
    ctx.drawImage(img, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the image');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
