import { FAILSAFE_SCHEMA, Type } from 'js-yaml';

/**
 * YAML 1.2's core schema, written out with the same rules as the `yaml` library's (which writes
 * design files, see serialize.ts): js-yaml's own CORE_SCHEMA also reads `0b101`, `-0x1F` and
 * `1_000` as numbers, which `yaml` writes as plain text. Used by both readers of design files
 * (yaml-read.ts through js-yaml, yaml-fast.ts directly), so a plain value means the same in both.
 */

// YAML 1.2 core schema, as the `yaml` library reads it (yaml/dist/schema/core).
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** A character a number can start with (`+ - . 0-9`). */
const numberStart = (c: number): boolean => (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string | null) => s === null || s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL',
  construct: () => null,
});
const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => s === 'true' || s === 'false' || s === 'True' || s === 'False' || s === 'TRUE' || s === 'FALSE',
  construct: (s: string) => s.charCodeAt(0) === 116 || s.charCodeAt(0) === 84,
});
const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => s.length > 0 && numberStart(s.charCodeAt(0)) && (INT.test(s) || OCT.test(s) || HEX.test(s)),
  construct: (s: string) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
});
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => s.length > 0 && numberStart(s.charCodeAt(0)) && (FLOAT.test(s) || FLOAT_SPECIAL.test(s)),
  construct: (s: string) => (FLOAT_SPECIAL.test(s) ? (s.slice(-3).toLowerCase() === 'nan' ? NaN : s.charCodeAt(0) === 45 ? -Infinity : Infinity) : parseFloat(s)),
});
/** Any other tag (`!include`, `!!python/object`, `!<x>`): the value as it is, as if untagged text, list or mapping. */
const asWritten = (kind: 'scalar' | 'sequence' | 'mapping') => new Type('', { kind, multi: true, resolve: () => true, construct: (data: unknown) => data });

export const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType],
  explicit: [asWritten('scalar'), asWritten('sequence'), asWritten('mapping')],
});

/** The types a plain (unquoted, untagged) scalar is tried against, in js-yaml's order. */
const IMPLICIT: readonly Type[] = [nullType, boolType, intType, floatType];

/**
 * The value of a plain scalar, as js-yaml resolves it with SCHEMA (the first implicit type whose
 * `resolve` accepts the text constructs it; else the text itself).
 */
export function resolvePlain(s: string): unknown {
  // Text no implicit type can take is itself: null is '', `~` or n/N-words, a boolean a t/T or
  // f/F word, a number starts as numberStart says (both number types check it first).
  const c = s.charCodeAt(0);
  if (!(c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || c === 126 || numberStart(c)) && s.length > 0) return s;
  for (let i = 0; i < IMPLICIT.length; i++) {
    const t = IMPLICIT[i]!;
    if (t.resolve(s)) return t.construct(s);
  }
  return s;
}
