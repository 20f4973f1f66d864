import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { otelCollectorDoc } from './doc';

/** otel-collector: its behaviour in the generators (its facts are its catalog entry). */
export const otelCollector: KindModule = {
  id: 'otel-collector',
  stack,
  clientEnv,
  k8s,
  doc: otelCollectorDoc,
};
