import { stack } from './stack';
import type { KindModule } from '../types';
import { grafanaDoc } from './doc';

/** grafana: its behaviour in the generators (its facts are its catalog entry). */
export const grafana: KindModule = {
  id: 'grafana',
  stack,
  clientEnv: null,
  doc: grafanaDoc,
};
