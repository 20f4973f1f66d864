import { formatOf, num, str } from '../doc-words';
import type { DocFacet } from '../types';

const ON_ERROR: Record<string, string> = { quarantine: 'quarantines bad records and goes on', 'skip-and-log': 'skips and logs bad records', 'fail-fast': 'stops the run at the first bad record' };

/** A batch job in the document: its schedule, batch size and bad-record rule. */
export const batchJobDoc: DocFacet = {
  format: formatOf('dataFormat'),
  schedule: {
    cron: (c) => str(c.props, 'schedule') || '0 2 * * *',
    batchSize: (c) => num(c.props, 'batchSize') || 10000,
    onError: (c) => ON_ERROR[str(c.props, 'onError')] ?? ON_ERROR.quarantine!,
  },
};
