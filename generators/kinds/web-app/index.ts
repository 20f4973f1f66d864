import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';

/** web-app: its behaviour in the generators (its facts are its catalog entry). */
export const webApp: KindModule = {
  id: 'web-app',
  stack: stackOf('web-app'),
  doc: null,
};
