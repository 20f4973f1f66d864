import type { PropDef } from '../catalog';

/**
 * Props as the generator may use them: every value checked against its catalog definition
 * (type, bounds, pattern, length). A value that fails is replaced by the default and reported,
 * so that nothing malformed a user typed can reach a generated file, whether or not the design
 * was validated first.
 */

export type Props = Record<string, unknown>;

function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  // Defaults are plain data: lists of text (most often empty) or small objects.
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return v.slice() as T;
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Each pattern compiled once (a design has thousands of settings and a few dozen patterns). */
const compiled = new Map<string, RegExp>();

function matches(def: PropDef, s: string): boolean {
  if (def.maxLength !== undefined && s.length > def.maxLength) return false;
  if (def.pattern !== undefined) {
    let re = compiled.get(def.pattern);
    if (!re) compiled.set(def.pattern, (re = new RegExp(def.pattern)));
    if (!re.test(s)) return false;
  }
  return true;
}

/** What `checkScalar` returns for a value that does not fit (no object per checked value). */
const BAD: unique symbol = Symbol('bad');

/** The value as the prop keeps it (an enum option as text), or BAD. */
function checkScalar(def: PropDef, v: unknown): unknown {
  switch (def.type) {
    case 'string':
    case 'text':
      return typeof v === 'string' && matches(def, v) ? v : BAD;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && (def.min === undefined || v >= def.min) && (def.max === undefined || v <= def.max) ? v : BAD;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && (def.min === undefined || v >= def.min) && (def.max === undefined || v <= def.max) ? v : BAD;
    case 'boolean':
      return typeof v === 'boolean' ? v : BAD;
    case 'enum': {
      const s = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
      return typeof s === 'string' && (def.options ?? []).includes(s) ? s : BAD;
    }
    default:
      return BAD;
  }
}

/**
 * Values of `defs` taken from `raw`, each valid or the default. `report` receives a sentence per
 * value that was ignored. Keys without a definition are dropped.
 */
export function cleanProps(defs: readonly PropDef[], raw: unknown, where: string, report: (msg: string) => void): Props {
  const src = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const out: Props = {};
  for (const def of defs) {
    const v = src[def.key];
    if (v === undefined || v === null) {
      out[def.key] = clone(def.default);
      continue;
    }
    if (def.type === 'string-list') {
      if (!Array.isArray(v)) {
        report(`${where}: ${def.key} is not a list; the default is used.`);
        out[def.key] = clone(def.default);
        continue;
      }
      const items: string[] = [];
      for (const item of v) {
        if (typeof item === 'string' && matches(def, item)) {
          if (!items.includes(item)) items.push(item);
        } else report(`${where}: ${def.key} entry ${JSON.stringify(String(item)).slice(0, 60)} is not allowed (${def.patternHint ?? 'invalid'}) and is left out.`);
      }
      out[def.key] = items.slice(0, def.maxItems ?? items.length);
      continue;
    }
    if (def.type === 'list') {
      if (!Array.isArray(v)) {
        report(`${where}: ${def.key} is not a list; the default is used.`);
        out[def.key] = clone(def.default);
        continue;
      }
      const items: Props[] = [];
      const seen = new Set<string>();
      v.forEach((item, i) => {
        const cleaned = cleanProps(def.item ?? [], item, `${where}: ${def.key}[${i}]`, report);
        const keyDef = (def.item ?? []).find((d) => d.key === def.itemKey);
        const rawKey = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[def.itemKey ?? ''] : undefined;
        const key = cleaned[def.itemKey ?? ''];
        if (typeof key !== 'string' || key === '' || (keyDef && rawKey !== key)) {
          report(`${where}: ${def.key}[${i}] has no valid ${def.itemKey ?? 'name'} and is left out.`);
          return;
        }
        if (seen.has(key)) return;
        seen.add(key);
        items.push(cleaned);
      });
      out[def.key] = items.slice(0, def.maxItems ?? items.length);
      continue;
    }
    const value = checkScalar(def, v);
    if (value !== BAD) out[def.key] = value;
    else {
      report(`${where}: ${def.key} ${JSON.stringify(typeof v === 'string' ? v.slice(0, 60) : v)} is not allowed${def.patternHint ? ` (${def.patternHint})` : ''}; the default is used.`);
      out[def.key] = clone(def.default);
    }
  }
  return out;
}

export const str = (p: Props, key: string): string => (typeof p[key] === 'string' ? (p[key] as string) : '');
export const num = (p: Props, key: string): number => (typeof p[key] === 'number' ? (p[key] as number) : 0);
export const bool = (p: Props, key: string): boolean => p[key] === true;
export const strs = (p: Props, key: string): string[] => (Array.isArray(p[key]) ? (p[key] as string[]) : []);
export const items = (p: Props, key: string): Props[] => (Array.isArray(p[key]) ? (p[key] as Props[]) : []);
