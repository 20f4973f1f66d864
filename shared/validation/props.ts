import type { PropDef } from '../catalog';
import { listText, num, shown } from './format';

/**
 * Checks prop values against their catalog definitions (type, bounds, options, pattern,
 * length, list items). Missing values take the default and are fine.
 */

export interface PropProblem {
  /** Path below the owner, e.g. `props.port` or `props.topics[1].partitions`. */
  rel: string;
  /** What is wrong, starting with the setting's label: "Port must be ...". */
  problem: string;
  hint: string;
}

const regexCache = new Map<string, RegExp | null>();
function regex(source: string): RegExp | null {
  let r = regexCache.get(source);
  if (r === undefined) {
    try {
      r = new RegExp(source);
    } catch {
      r = null;
    }
    regexCache.set(source, r);
  }
  return r;
}

const defsIndex = new WeakMap<readonly PropDef[], Map<string, PropDef>>();
export function defsByKey(defs: readonly PropDef[]): Map<string, PropDef> {
  let m = defsIndex.get(defs);
  if (!m) {
    m = new Map(defs.map((d) => [d.key, d]));
    defsIndex.set(defs, m);
  }
  return m;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function defaultText(def: PropDef): string {
  const d = def.default;
  if (d === '' || (Array.isArray(d) && d.length === 0)) return 'Leave it empty to use the default.';
  if (typeof d === 'number') return `Leave it out to use the default, ${d}.`;
  if (typeof d === 'string' || typeof d === 'boolean') return `Leave it out to use the default, ${String(d)}.`;
  return 'Leave it out to use the default.';
}

function hintOf(def: PropDef, extra = ''): string {
  return [extra, def.help, defaultText(def)].filter(Boolean).join(' ');
}

function rangeText(def: PropDef): string {
  if (def.min !== undefined && def.max !== undefined) return ` from ${num(def.min)} to ${num(def.max)}`;
  if (def.min !== undefined) return ` of at least ${num(def.min)}`;
  if (def.max !== undefined) return ` of at most ${num(def.max)}`;
  return '';
}

/** What is wrong with one scalar or list value, or undefined when it is fine. */
function scalarProblem(def: PropDef, v: unknown): string | undefined {
  switch (def.type) {
    case 'string':
    case 'text': {
      if (typeof v !== 'string') return `must be text, not ${shown(v)}`;
      if (def.maxLength !== undefined && v.length > def.maxLength) return `is ${num(v.length)} characters long; at most ${num(def.maxLength)} are allowed`;
      if (def.pattern) {
        const r = regex(def.pattern);
        if (r && !r.test(v)) return `must be ${def.patternHint ?? `text matching ${def.pattern}`}, not ${shown(v)}`;
      }
      return undefined;
    }
    case 'integer':
    case 'number': {
      const whole = def.type === 'integer';
      if (typeof v !== 'number' || !Number.isFinite(v) || (whole && !Number.isInteger(v))) {
        return `must be ${whole ? 'a whole number' : 'a number'}${rangeText(def)}, not ${shown(v)}`;
      }
      if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max)) {
        return `must be ${whole ? 'a whole number' : 'a number'}${rangeText(def)}, not ${shown(v)}`;
      }
      return undefined;
    }
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `must be true or false, not ${shown(v)}`;
    case 'enum': {
      const options = def.options ?? [];
      // `qos: 1` written in YAML is the number 1; the option is the text "1": both mean the same.
      if ((typeof v === 'string' || typeof v === 'number') && options.includes(String(v))) return undefined;
      return `must be one of ${listText(options.map(String), 'or')}, not ${shown(v)}`;
    }
    default:
      return undefined;
  }
}

function checkStringList(def: PropDef, v: unknown, rel: string, out: PropProblem[]): void {
  if (!Array.isArray(v)) {
    out.push({ rel, problem: `${def.label} must be a list of texts, not ${shown(v)}`, hint: hintOf(def) });
    return;
  }
  if (def.maxItems !== undefined && v.length > def.maxItems) {
    out.push({ rel, problem: `${def.label} has ${num(v.length)} entries; at most ${num(def.maxItems)} are allowed`, hint: hintOf(def) });
  }
  const r = def.pattern ? regex(def.pattern) : null;
  // A short list is checked for repeats by looking back (no Set); paths are made only for a problem.
  const seen = v.length > 8 ? new Set<string>() : undefined;
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (typeof item !== 'string') {
      out.push({ rel: `${rel}[${i}]`, problem: `${def.label}: entry ${i + 1} must be text, not ${shown(item)}`, hint: hintOf(def) });
      continue;
    }
    if (def.maxLength !== undefined && item.length > def.maxLength) {
      out.push({ rel: `${rel}[${i}]`, problem: `${def.label}: entry ${i + 1} is longer than ${num(def.maxLength)} characters`, hint: hintOf(def) });
    } else if (r && !r.test(item)) {
      out.push({ rel: `${rel}[${i}]`, problem: `${def.label}: ${shown(item)} must be ${def.patternHint ?? `text matching ${def.pattern}`}`, hint: hintOf(def) });
    } else if (seen ? seen.has(item) : v.indexOf(item) < i) {
      out.push({ rel: `${rel}[${i}]`, problem: `${def.label}: ${shown(item)} is listed twice`, hint: hintOf(def, 'Remove the repeated entry.') });
    }
    seen?.add(item);
  }
}

function checkList(def: PropDef, v: unknown, rel: string, out: PropProblem[]): void {
  if (!Array.isArray(v)) {
    out.push({ rel, problem: `${def.label} must be a list, not ${shown(v)}`, hint: hintOf(def) });
    return;
  }
  if (def.maxItems !== undefined && v.length > def.maxItems) {
    out.push({ rel, problem: `${def.label} has ${num(v.length)} entries; at most ${num(def.maxItems)} are allowed`, hint: hintOf(def) });
  }
  const itemDefs = def.item ?? [];
  const byKey = defsByKey(itemDefs);
  const keyDef = def.itemKey ? byKey.get(def.itemKey) : undefined;
  const seen = new Set<string>();
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    const itemRel = () => `${rel}[${i}]`;
    if (!isPlainObject(item)) {
      out.push({ rel: itemRel(), problem: `${def.label}: entry ${i + 1} must be a set of fields, not ${shown(item)}`, hint: hintOf(def) });
      continue;
    }
    const keyVal = def.itemKey ? item[def.itemKey] : undefined;
    const itemName = () => (typeof keyVal === 'string' && keyVal ? shown(keyVal) : `entry ${i + 1}`);
    if (def.itemKey && keyDef && (keyVal === undefined || keyVal === '')) {
      out.push({ rel: `${itemRel()}.${def.itemKey}`, problem: `${def.label}: entry ${i + 1} has no ${keyDef.label.toLowerCase()}`, hint: hintOf(keyDef, `Give each entry of ${def.label} a ${keyDef.label.toLowerCase()}.`) });
    } else if (typeof keyVal === 'string') {
      if (seen.has(keyVal)) {
        out.push({ rel: `${itemRel()}.${def.itemKey}`, problem: `${def.label}: ${shown(keyVal)} is listed twice`, hint: 'Each entry needs its own name; merge or rename the repeated one.' });
      }
      seen.add(keyVal);
    }
    for (const key in item) {
      if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
      const fieldDef = byKey.get(key);
      if (!fieldDef) continue; // unknown item fields are kept, like unknown props
      const fv = item[key];
      if (fv === undefined) continue;
      if (def.itemKey && key === def.itemKey && fv === '') continue; // reported above
      const p = scalarProblem(fieldDef, fv);
      if (p) out.push({ rel: `${itemRel()}.${key}`, problem: `${def.label} ${itemName()}: ${fieldDef.label} ${p}`, hint: hintOf(fieldDef) });
    }
  }
}

/** Problems with one prop's value (nothing when it is absent); its path is `prefix + key`, built only for a problem. */
export function checkProp(def: PropDef, value: unknown, key: string, out: PropProblem[], prefix = ''): void {
  if (value === undefined) return;
  if (value === null) {
    out.push({ rel: prefix + key, problem: `${def.label} has no value`, hint: hintOf(def) });
    return;
  }
  if (def.type === 'string-list') return checkStringList(def, value, prefix + key, out);
  if (def.type === 'list') return checkList(def, value, prefix + key, out);
  const p = scalarProblem(def, value);
  if (p) out.push({ rel: prefix + key, problem: `${def.label} ${p}`, hint: hintOf(def) });
}

export interface PropCheck {
  problems: PropProblem[];
  unknown: string[];
}

/** Reused for the common case of a valid value (nothing pushed, nothing allocated). */
const scratch: PropProblem[] = [];

const NOTHING: PropCheck = Object.freeze({ problems: Object.freeze([]) as unknown as PropProblem[], unknown: Object.freeze([]) as unknown as string[] });

/**
 * Checks every prop of `props` against `defs`; returns the problems and the keys `defs`
 * does not know (kept, reported as information). Allocates nothing when all is well.
 */
export function checkProps(defs: readonly PropDef[], props: unknown): PropCheck {
  if (props === undefined || props === null) return NOTHING;
  if (!isPlainObject(props)) {
    return {
      problems: [{ rel: 'props', problem: `Settings must be a set of fields, not ${shown(props)}`, hint: 'Write the settings as key: value pairs under props.' }],
      unknown: [],
    };
  }
  const byKey = defsByKey(defs);
  let problems: PropProblem[] | undefined;
  let unknown: string[] | undefined;
  for (const key in props) {
    if (!Object.prototype.hasOwnProperty.call(props, key)) continue;
    const def = byKey.get(key);
    if (!def) {
      (unknown ??= []).push(key);
      continue;
    }
    const v = props[key];
    if (v === undefined) continue;
    if (problems) checkProp(def, v, key, problems, 'props.');
    else {
      checkProp(def, v, key, scratch, 'props.');
      if (scratch.length) problems = scratch.splice(0);
    }
  }
  if (!problems && !unknown) return NOTHING;
  return { problems: problems ?? [], unknown: unknown ?? [] };
}
