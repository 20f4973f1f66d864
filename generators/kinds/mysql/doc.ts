import { num } from '../doc-words';
import type { DocFacet } from '../types';

/** MySQL in the document. */
export const mysqlDoc: DocFacet = {
  changeLog: 'the row binlog',
  maxConnections: (c) => num(c.props, 'maxConnections') || undefined,
};
