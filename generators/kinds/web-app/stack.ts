import { builtStack } from '../built-stack';

/** Your front end, or a stand-in until you set its image. */
export const stack = builtStack(null, null);
