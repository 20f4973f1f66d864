import { num, str } from '../doc-words';
import type { DocFacet } from '../types';

/** Flink in the document: windows, state, checkpoints. */
export const flinkDoc: DocFacet = {
  stream: {
    parallelism: (c) => num(c.props, 'parallelism') || 1,
    windows: (c) => {
      const w = str(c.props, 'window');
      return w && w !== 'none' ? `${num(c.props, 'windowMinutes') || 5}-minute ${w} windows` : undefined;
    },
    state: (c) => (str(c.props, 'stateBackend') === 'hashmap' ? 'heap (hashmap) state' : 'RocksDB state'),
    checkpointMs: (c) => num(c.props, 'checkpointIntervalMs') || 60000,
    exactlyOnce: (c) => c.props.exactlyOnce === true,
    cep: (c) => c.props.cep === true,
  },
};
