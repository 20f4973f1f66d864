import { Document, stringify } from 'yaml';
import { oneLine as line, visibleText } from '../../shared/text';
import { emitYaml } from '../yamlEmit';

/**
 * Escaping and formatting helpers. Each generated format has its own quoting rules; every
 * string a user typed goes through one of these before it reaches a file.
 */

/** YAML text that both YAML 1.2 readers (Compose v2, Prometheus, Envoy) and YAML 1.1 readers
 * (docker-compose 1.x / PyYAML) read the same: strings such as `22:22`, `yes` or `on` are quoted. */
export function toYaml(value: unknown, header?: string): string {
  // The direct writer (same bytes, a fraction of the time); the library for anything unusual.
  const fast = emitYaml(value, { version: '1.1', header });
  if (fast !== null) return fast;
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  if (header) doc.commentBefore = header;
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

export function toYamlPlain(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One line of free text (shared/text.ts's `oneLine`: no control, format or bidirectional
 * character, bounded length), safe inside a comment of any format: no comment terminator. */
export function oneLine(text: unknown, max = 120): string {
  let s = typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
  // Broken before the text is made one line: that only turns characters into spaces, so it
  // cannot make a terminator again.
  if (s.includes('*/') || s.includes('-->')) s = s.replace(/\*\//g, '* /').replace(/-->/g, '- ->');
  return line(s, max);
}

/** Text `md` leaves as it is: printable ASCII, single spaces, no character it escapes or rewrites at the start. */
const MD_PLAIN = /^[A-Za-z0-9(),;:'"$%^{}?/.!~@](?:[A-Za-z0-9(),;:'"$%^{}?/.!~@+=-]| (?! |$))*$/;

/** Text for a Markdown table cell or paragraph: no HTML, no table breaks, no code spans. */
export function md(text: unknown, max = 120): string {
  if (typeof text === 'string' && text.length <= max && MD_PLAIN.test(text) && !/^\d+[.)]/.test(text)) return text;
  return oneLine(text, max)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([`*_[\]#])/g, '\\$1')
    // At the start of a line these would make a list item, a heading underline or a rule.
    .replace(/^([+\-=])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** Markdown-escaped text that keeps its spacing (for pieces of a sentence). */
export function mdInline(text: string): string {
  return visibleText(text)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([`*_[\]#])/g, '\\$1');
}

/** `orders-db` -> `orders_db`, for identifiers that allow no dash (publications, slots, tables). */
export function lowerSnake(id: string): string {
  const s = id.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(s) ? s.slice(0, 63) : `n_${s}`.slice(0, 63);
}

/** PostgreSQL identifier, always quoted. */
export function pgIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** SQL string literal (standard conforming strings). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** MySQL / ClickHouse identifier in back-quotes. */
export function backtickIdent(s: string): string {
  return `\`${s.replace(/`/g, '``')}\``;
}

/** ClickHouse string literal: quotes and backslashes escaped. */
export function chString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** MQSC quoted string: single quotes doubled. */
export function mqscString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** An nginx double-quoted string. `$` would start a variable, so callers only pass text that
 * has none (checked here: a `$` is dropped rather than interpreted). */
export function nginxString(s: string): string {
  return `"${s.replace(/\$/g, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]/g, ' ')}"`;
}

/** Regular-expression escape (PCRE and JS share these metacharacters). */
export function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A small, stable, non-cryptographic hash (FNV-1a 32-bit) for deterministic ids. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 16 deterministic bytes as URL-safe base64 (22 characters): a Kafka KRaft cluster id. */
export function stableClusterId(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const h = fnv1a(`${text}#${i}`);
    bytes.push((h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255, h & 255);
  }
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(acc >>> bits) & 63];
    }
  }
  if (bits > 0) out += alphabet[(acc << (6 - bits)) & 63];
  return out;
}

/** Prefix each line of `text` with `# ` (shell, YAML, nginx, conf files). */
export function hashComment(lines: readonly string[]): string {
  return lines.map((l) => (l ? `# ${l}` : '#')).join('\n');
}
