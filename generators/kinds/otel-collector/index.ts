import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';

/** otel-collector: its behaviour in the generators (its facts are its catalog entry). */
export const otelCollector: KindModule = {
  id: 'otel-collector',
  stack: stackOf('otel-collector'),
  doc: null,
};
