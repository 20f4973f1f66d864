import { cutText } from '../../shared/text';

/** The most characters a connection's label shows on the canvas (about 200 px at 11 px); the rest is in its title. */
export const LABEL_CHARS = 32;

/** A connection's caption as its label shows it: cut to LABEL_CHARS characters with "…", by code point (an emoji is never cut in half), as every generated file cuts text (shared/text.ts). */
export function shortCaption(caption: string): string {
  return cutText(caption, LABEL_CHARS);
}
