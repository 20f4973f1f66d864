import type { Component, Flow } from './types';

/**
 * Which user a database client logs in as. A connection drawn with read access (SQL, MongoDB) to a
 * database the stack runs, whose kind has a read-only user (a `READER_USER` credential in the catalog), logs in
 * as that user: the database refuses its writes. Every other client logs in as the application
 * user. The stack, Kubernetes and the document all ask here.
 */
export function readsAsReader(f: Flow): boolean {
  const s = f.server;
  return (f.protocol === 'sql' || f.protocol === 'mongodb') && f.props.access === 'read' && s !== undefined && s.containerised && f.client !== undefined && f.client !== s && s.credentials.READER_USER !== undefined;
}

/** Whether database `db` has a client that reads only (it then gets its read-only user). */
export function hasReaders(db: Component): boolean {
  return db.in.some((f) => f.server === db && readsAsReader(f)) || db.out.some((f) => f.server === db && readsAsReader(f));
}
