import type { Question } from './decisions';

/**
 * The open decisions of a design as plain text, for `topoforge doc --undecided`: each with its
 * section, the requirements key that answers it, what the template says it is, why it matters,
 * why the drawing does not answer it, the template's options and the design's suggestion.
 */
export function formatUndecided(questions: readonly Question[], file: string): string {
  if (questions.length === 0) return `${file}: every field of the template is answered or not used by this design; nothing to decide.\n`;
  const out: string[] = [
    `${file}: ${questions.length} ${questions.length === 1 ? 'decision is' : 'decisions are'} open. Answer each in the app's Decisions view, or write its key into the design's requirements (e.g. ${questions[0]!.key}: ...).`,
    '',
  ];
  for (const q of questions) {
    out.push(`${q.section} > ${q.label}   [requirements.${q.key}${q.input === 'number' ? `: number, ${q.unit ?? ''}`.trimEnd() : q.input === 'list' ? ': list' : ''}]`);
    out.push(`  ${q.description}. ${q.why}`.trimEnd());
    out.push(`  Open: ${plain(q.reason)}.`);
    if (q.choices.length) out.push(`  Options: ${q.choices.join(' | ')}`);
    if (q.suggestion) out.push(`  Suggested: ${q.suggestion.value}${q.unit ? ` ${q.unit}` : ''} (${q.suggestion.because.replace(/\.$/, '')})`);
    out.push('');
  }
  return out.join('\n');
}

/** Inline Markdown to plain text: code spans and escapes removed. */
function plain(md: string): string {
  return md.replace(/`([^`]*)`/g, '$1').replace(/\\([\\`*_[\]<>|~#+\-!=.()])/g, '$1').replace(/&#58;/g, ':').replace(/&#46;/g, '.').replace(/&#64;/g, '@').replace(/&amp;/g, '&');
}
