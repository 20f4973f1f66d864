import { num, str } from '../doc-words';
import type { DocFacet } from '../types';

/** PostgreSQL in the document. */
export const postgresDoc: DocFacet = {
  changeLog: 'logical replication (pgoutput)',
  replication: (c) => (['streaming', 'logical'].includes(str(c.props, 'replication')) ? `${str(c.props, 'replication')} replication` : undefined),
  maxConnections: (c) => num(c.props, 'maxConnections') || undefined,
};
