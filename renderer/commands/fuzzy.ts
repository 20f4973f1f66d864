import { COMMANDS, type CommandDescriptor } from '../../shared/commands';

/** The command palette's filter: every word of the query in the label (or menu name), best first. */

const MENU_NAMES: Record<string, string> = { file: 'File', edit: 'Edit', view: 'View', arrange: 'Arrange', help: 'Help' };

export function menuName(c: CommandDescriptor): string {
  return c.menu ? (MENU_NAMES[c.menu] ?? c.menu) : '';
}

/** 0 for no match; higher is better: a word start beats the middle of a word, which beats letters in order. */
export function fuzzyScore(text: string, q: string): number {
  const t = text.toLowerCase();
  if (!q) return 1;
  if (t.startsWith(q)) return 100 - t.length / 100;
  const at = t.indexOf(q);
  if (at >= 0) return (/[\s.…-]/.test(t[at - 1] ?? ' ') ? 80 : 60) - t.length / 100;
  let i = 0;
  let gaps = 0;
  let last = -1;
  for (let j = 0; j < t.length && i < q.length; j++) {
    if (t[j] === q[i]) {
      if (last >= 0 && j !== last + 1) gaps++;
      last = j;
      i++;
    }
  }
  return i === q.length ? Math.max(1, 40 - gaps * 5) : 0;
}

export function filterCommands(query: string, commands: readonly CommandDescriptor[] = COMMANDS): CommandDescriptor[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!words.length) return [...commands];
  const scored: { c: CommandDescriptor; s: number }[] = [];
  for (const c of commands) {
    const text = `${c.label} ${menuName(c)}`;
    let s = 0;
    for (const w of words) {
      const k = Math.max(fuzzyScore(c.label, w), fuzzyScore(text, w) - 10);
      if (k <= 0) {
        s = 0;
        break;
      }
      s += k;
    }
    if (s > 0) scored.push({ c, s });
  }
  return scored.sort((a, b) => b.s - a.s).map((x) => x.c);
}
