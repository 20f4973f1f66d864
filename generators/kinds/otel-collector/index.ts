import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';

/** otel-collector: its behaviour in the generators (its facts are its catalog entry). */
export const otelCollector: KindModule = {
  id: 'otel-collector',
  stack,
  clientEnv,
  doc: null,
};
