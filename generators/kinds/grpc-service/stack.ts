import { builtRequestMetrics, builtStack } from '../built-stack';

/** Your service, or a stand-in until you set its image. */
export const stack = builtStack(null, builtRequestMetrics);
