import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { natsDoc } from './doc';

/** nats: its behaviour in the generators (its facts are its catalog entry). */
export const nats: KindModule = {
  id: 'nats',
  stack: stackOf('nats'),
  doc: natsDoc,
};
