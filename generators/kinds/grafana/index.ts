import { stack } from './stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { grafanaDoc } from './doc';

/** grafana: its behaviour in the generators (its facts are its catalog entry). */
export const grafana: KindModule = {
  id: 'grafana',
  stack,
  clientEnv: null,
  k8s,
  doc: grafanaDoc,
};
