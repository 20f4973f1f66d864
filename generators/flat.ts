/**
 * The same string, made flat. V8 keeps a string built piece by piece (`+=`, template literals)
 * as a tree of its pieces until something reads it whole: about 14 times the size of its text
 * for pieces of a few characters. Generated files are kept until they are written, and so would
 * their trees be (traced by every major collection). Reading a character makes V8 copy the text
 * into one flat string and let the pieces go.
 */
export function flat(s: string): string {
  // The comparison keeps the read (its result is used); it is never true.
  return s.charCodeAt(0) === -1 ? '' : s;
}
