import { str } from '../doc-words';
import type { DocFacet } from '../types';

const SNAPSHOT: Record<string, string> = {
  initial: 'reads the existing rows first, then streams changes',
  no_data: 'streams changes only (no snapshot of existing rows)',
  when_needed: 'snapshots when its offsets are missing, then streams changes',
  never: 'never snapshots: streams changes from the current position',
};

/** Debezium in the document: its snapshot mode. */
export const debeziumDoc: DocFacet = {
  snapshot: (c) => SNAPSHOT[str(c.props, 'snapshotMode')] ?? SNAPSHOT.initial!,
};
