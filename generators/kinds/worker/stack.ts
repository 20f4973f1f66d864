import { builtRequestMetrics, builtStack } from '../built-stack';
import { num } from '../../../shared/resolve/props';

/** Your worker, or the stand-in until you set its image; CONCURRENCY from its settings. */
export const stack = builtStack((n) => ({ CONCURRENCY: String(num(n.props, 'concurrency') || 1) }), builtRequestMetrics);
