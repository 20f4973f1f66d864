import { formatOf, num } from '../doc-words';
import type { DocFacet } from '../types';

/** A worker in the document: its format and its bulkhead. */
export const workerDoc: DocFacet = {
  format: formatOf('dataFormat'),
  worker: (c) => ({ concurrency: num(c.props, 'concurrency') || 1, idempotent: c.props.idempotent === true }),
};
