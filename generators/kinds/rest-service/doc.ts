import { formatOf } from '../doc-words';
import type { DocFacet } from '../types';

/** A REST service in the document. */
export const restServiceDoc: DocFacet = {
  api: { style: 'RESTful (HTTP/JSON)', standard: 'OpenAPI 3' },
  format: formatOf('dataFormat'),
};
