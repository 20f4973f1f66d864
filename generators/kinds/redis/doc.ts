import { str } from '../doc-words';
import type { DocFacet } from '../types';

const ROLE: Record<string, string> = { cache: 'cache', 'session-store': 'session store', 'rate-limiter': 'rate-limit counters', queue: 'queue', 'primary-store': 'primary store' };

/** Redis in the document: what it is used for. */
export const redisDoc: DocFacet = {
  usage: (c) => ROLE[str(c.props, 'role')],
};
