import { formatOf } from '../doc-words';
import type { DocFacet } from '../types';

/** A gRPC service in the document. */
export const grpcServiceDoc: DocFacet = {
  api: { style: 'gRPC (Protobuf over HTTP/2)', standard: 'Protobuf service definitions (.proto)' },
  format: formatOf('dataFormat'),
};
