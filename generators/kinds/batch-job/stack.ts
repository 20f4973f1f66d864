import { builtRequestMetrics, builtStack } from '../built-stack';
import { str } from '../../../shared/resolve/props';
import { composeLiteral } from '../../stack/text';

/** Your batch job, or a stand-in until you set its image; SCHEDULE from its settings. */
export const stack = builtStack((_ctx, n, spec) => {
  spec.environment.SCHEDULE = composeLiteral(str(n.props, 'schedule'));
}, builtRequestMetrics);
