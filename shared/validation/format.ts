import type { KindDef } from '../catalog';
import { getKind, PROTOCOL_NAMES } from '../catalog';
import type { Protocol, TopoNode } from '../model/types';
import { PROTOCOLS } from '../model/types';

/** How a message names a component: its label, and the kind's name when the label differs. */
export function displayName(node: Pick<TopoNode, 'id' | 'kind' | 'label'> | undefined, fallbackId = '?'): string {
  if (!node) return `"${fallbackId}"`;
  const label = labelOf(node);
  const kind = getKind(node.kind);
  const kindName = kind ? kind.name : node.kind;
  if (!kindName || sameIgnoringCase(label, String(kindName))) return label;
  return `${label} (${kindName})`;
}

/** `a.toLowerCase() === b.toLowerCase()`, without making the two strings when both are ASCII. */
function sameIgnoringCase(a: string, b: string): boolean {
  let ascii = true;
  for (let i = 0; i < a.length && ascii; i++) if (a.charCodeAt(i) > 0x7f) ascii = false;
  for (let i = 0; i < b.length && ascii; i++) if (b.charCodeAt(i) > 0x7f) ascii = false;
  if (!ascii) return a.toLowerCase() === b.toLowerCase();
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

/** Whitespace a message should not repeat: runs, line breaks, tabs, at either end. */
const MESSY_SPACE = /\s\s|[^\S ]|^\s|\s$/;

/** The label alone (the id when the label is empty). */
export function labelOf(node: Pick<TopoNode, 'id' | 'label'>): string {
  const raw = typeof node.label === 'string' ? node.label : '';
  const label = MESSY_SPACE.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw;
  return label || node.id;
}

export function kindName(kind: KindDef | undefined, fallback: string): string {
  return kind ? kind.name : fallback;
}

export function protocolName(p: string | undefined): string {
  if (p && (PROTOCOLS as readonly string[]).includes(p)) return PROTOCOL_NAMES[p as Protocol];
  return p ?? '?';
}

/** Most items a message names before it counts the rest ("… and 12 more"). */
const MAX_LISTED = 6;

/** "A", "A and B", "A, B and C"; past six items "A, B, C, D, E and 7 more". */
export function listText(items: readonly string[], conj = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length > MAX_LISTED) return `${items.slice(0, MAX_LISTED - 1).join(', ')} ${conj} ${items.length - MAX_LISTED + 1} more`;
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

/** Names a few items and counts the rest: "A, B and 3 more". */
export function fewText(items: readonly string[], max = 3): string {
  if (items.length <= max) return listText(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Whole numbers with thousands separators, the same everywhere (no locale). */
export function num(n: number): string {
  const rounded = Math.round(n);
  const s = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `-${s}` : s;
}

/** A value as a user typed it, short. */
export function shown(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value);
  else if (value === undefined) s = 'nothing';
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
