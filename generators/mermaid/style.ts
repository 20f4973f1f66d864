import type { Category, Figure, KindDef } from '../../shared/catalog';

/** How a node is drawn: Mermaid's opening and closing shape brackets around a quoted label. */
export interface Shape {
  open: string;
  close: string;
  /** Mermaid's name for it, as the parser reports it (`vertex.type`). */
  mermaidType: string;
}

const ROUND: Shape = { open: '(', close: ')', mermaidType: 'round' };
const STADIUM: Shape = { open: '([', close: '])', mermaidType: 'stadium' };
const CYLINDER: Shape = { open: '[(', close: ')]', mermaidType: 'cylinder' };
const SUBROUTINE: Shape = { open: '[[', close: ']]', mermaidType: 'subroutine' };
const HEXAGON: Shape = { open: '{{', close: '}}', mermaidType: 'hexagon' };
const PARALLELOGRAM: Shape = { open: '[/', close: '/]', mermaidType: 'lean_right' };
const TRAPEZOID: Shape = { open: '[/', close: '\\]', mermaidType: 'trapezoid' };
const INV_TRAPEZOID: Shape = { open: '[\\', close: '/]', mermaidType: 'inv_trapezoid' };
const FLAG: Shape = { open: '>', close: ']', mermaidType: 'odd' };
const RECT: Shape = { open: '[', close: ']', mermaidType: 'square' };

/** The catalog's figures Mermaid's classic shapes can draw (no cloud: a SaaS is drawn as external). */
const FIGURES: Partial<Record<Figure, Shape>> = { stadium: STADIUM, 'inv-trapezoid': INV_TRAPEZOID, flag: FLAG, trapezoid: TRAPEZOID };

/**
 * Classic shapes only (no `@{ shape: … }`), so the diagram renders in the older Mermaid
 * versions that GitLab, Confluence and Notion embed, not just Mermaid 11.
 */
export function shapeOf(kind: KindDef | undefined): Shape {
  if (!kind) return RECT;
  if (kind.category === 'store') return CYLINDER;
  if (kind.category === 'broker') return SUBROUTINE;
  if (kind.category === 'gateway') return HEXAGON;
  const figure = kind.figure && FIGURES[kind.figure];
  if (figure) return figure;
  if (kind.external) return PARALLELOGRAM;
  if (kind.category === 'service') return ROUND;
  return RECT;
}

export type StyleClass = Category | 'unknown';

interface Swatch {
  fill: string;
  stroke: string;
  color: string;
}

/**
 * The default palette reads on GitHub's light and dark pages alike: mid-saturation fills that
 * stand out from both white and near-black, near-black text (contrast ≥ 7:1 on every fill) and
 * a darker stroke of the same hue.
 */
export const PALETTE_DEFAULT: Record<StyleClass, Swatch> = {
  service: { fill: '#74c0fc', stroke: '#1864ab', color: '#101418' },
  gateway: { fill: '#b197fc', stroke: '#5f3dc4', color: '#101418' },
  broker: { fill: '#ffa94d', stroke: '#d9480f', color: '#101418' },
  plumbing: { fill: '#63e6be', stroke: '#087f5b', color: '#101418' },
  store: { fill: '#8ce99a', stroke: '#2b8a3e', color: '#101418' },
  observability: { fill: '#ffd43b', stroke: '#b86b00', color: '#101418' },
  security: { fill: '#ffa8a8', stroke: '#c92a2a', color: '#101418' },
  unknown: { fill: '#ced4da', stroke: '#495057', color: '#101418' },
};

/** For `theme: 'dark'`: deep fills with white text and a light stroke. */
export const PALETTE_DARK: Record<StyleClass, Swatch> = {
  service: { fill: '#1864ab', stroke: '#a5d8ff', color: '#ffffff' },
  gateway: { fill: '#5f3dc4', stroke: '#d0bfff', color: '#ffffff' },
  broker: { fill: '#a63c06', stroke: '#ffc078', color: '#ffffff' },
  plumbing: { fill: '#087f5b', stroke: '#96f2d7', color: '#ffffff' },
  store: { fill: '#237032', stroke: '#b2f2bb', color: '#ffffff' },
  observability: { fill: '#8f5a00', stroke: '#ffe066', color: '#ffffff' },
  security: { fill: '#c92a2a', stroke: '#ffc9c9', color: '#ffffff' },
  unknown: { fill: '#495057', stroke: '#dee2e6', color: '#ffffff' },
};

/** External systems (drawn, documented, not run) get a dashed outline on top of their category. */
export const EXTERNAL_STYLE = 'stroke-dasharray:6 4';

export const STYLE_ORDER: readonly StyleClass[] = ['service', 'gateway', 'broker', 'plumbing', 'store', 'observability', 'security', 'unknown'];
