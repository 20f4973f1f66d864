/** The most characters a connection's label shows on the canvas (about 200 px at 11 px); the rest is in its title. */
export const LABEL_CHARS = 32;

/** A connection's caption as its label shows it: cut to LABEL_CHARS characters with "…", by code point (an emoji is never cut in half). */
export function shortCaption(caption: string): string {
  if (caption.length <= LABEL_CHARS) return caption;
  const chars = Array.from(caption);
  return chars.length <= LABEL_CHARS ? caption : `${chars.slice(0, LABEL_CHARS - 1).join('')}…`;
}
