import { builtRequestMetrics, builtStack } from '../built-stack';
import { num } from '../../../shared/resolve/props';

/** Your worker, or a stand-in until you set its image; CONCURRENCY from its settings. */
export const stack = builtStack((_ctx, n, spec) => {
  spec.environment.CONCURRENCY = String(num(n.props, 'concurrency') || 1);
}, builtRequestMetrics);
