/**
 * Markdown escaping for everything a user typed. Text goes into list items, table cells and
 * headings on one line; it can never open a link, an image, HTML, code, emphasis, a table
 * column or a new block. What counts as one line of text is shared/text.ts's `oneLine`.
 */
import { oneLine } from '../../shared/text';

/** Text `md` leaves as it is: no character it escapes, none it rewrites at the start, no `:` (links). */
const MD_PLAIN = /^[A-Za-z0-9(),;'"$%^{}?/.](?:[A-Za-z0-9(),;'"$%^{}?/.+=!#-]| (?! |$))*$/;

/** User text as inline Markdown: escaped, one line. */
export function md(value: unknown, max = 500): string {
  if (typeof value === 'string' && value.length <= max && MD_PLAIN.test(value) && !/^\d+[.)]/.test(value) && !/www\./i.test(value)) return value;
  let s = oneLine(value, max)
    .replace(/[\\`*_[\]<>|~]/g, (c) => '\\' + c)
    .replace(/&/g, '&amp;');
  // Characters that only matter at the start of a line: headings, lists, block quotes.
  s = s.replace(/^([#+\-!=])/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
  // GitHub turns bare addresses and e-mails into links; break them so that they stay text.
  s = s.replace(/(https?|ftp|file)(:\/\/)/gi, '$1&#58;//').replace(/(javascript|data|vbscript|mailto|xmpp)(:)(?!\s)/gi, '$1&#58;').replace(/(www)\./gi, '$1&#46;').replace(/@/g, '&#64;');
  return s;
}

const ID = /^[a-z][a-z0-9-]*$/;
/** A node, group or edge id as inline code (ids in a valid design are safe there). */
export function code(id: string): string {
  return ID.test(id) || /^[a-z][a-z0-9-]*->[a-z][a-z0-9-]*(#\d+)?$/.test(id) ? '`' + id + '`' : md(id);
}

/** Plain tokens (image references, file names) as inline code, when they are safe there; escaped text otherwise. */
export function literal(text: string): string {
  return /^[A-Za-z0-9._:/@+=-]{1,200}$/.test(text) ? '`' + text + '`' : md(text);
}

/** "a", "a and b", "a, b and c"; long lists end with "and N more". */
export function andList(items: readonly string[], max = 12): string {
  const list = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/**
 * `andList(items.map(f), max)`, calling `f` only for the items it shows (the first `max`): a
 * sentence naming the first few of 10,000 components words only those.
 */
export function andListOf<T>(items: readonly T[], f: (item: T) => string, max = 12): string {
  return andList(items.length > max ? [...items.slice(0, max).map(f), `${items.length - max} more`] : items.map(f), Infinity);
}

/** A table row: cells are already inline Markdown; `|` inside them is escaped by `md`. */
export function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
}
