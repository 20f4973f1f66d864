import { formatOf } from '../doc-words';
import type { DocFacet } from '../types';

/** A GraphQL service in the document. */
export const graphqlServiceDoc: DocFacet = {
  api: { style: 'GraphQL', standard: 'GraphQL SDL' },
  format: formatOf('dataFormat'),
};
