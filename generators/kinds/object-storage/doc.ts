import { num } from '../doc-words';
import type { DocFacet } from '../types';

/** Object storage in the document: its lifecycle rule. */
export const objectStorageDoc: DocFacet = {
  archiveDays: (c) => num(c.props, 'archiveDays'),
};
