import { builtRequestMetrics, builtStack } from '../built-stack';
import { num, str } from '../../../shared/resolve/props';

/** Your batch job, or the stand-in until you set its image; SCHEDULE and BATCH_SIZE from its settings. */
export const stack = builtStack((n) => ({ SCHEDULE: str(n.props, 'schedule'), BATCH_SIZE: String(num(n.props, 'batchSize') || 1) }), builtRequestMetrics);
