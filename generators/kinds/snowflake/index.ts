import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';

/** snowflake: its behaviour in the generators (its facts are its catalog entry). */
export const snowflake: KindModule = {
  id: 'snowflake',
  stack,
  clientEnv,
  doc: null,
};
