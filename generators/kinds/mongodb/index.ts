import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { mongodbDoc } from './doc';

/** mongodb: its behaviour in the generators (its facts are its catalog entry). */
export const mongodb: KindModule = {
  id: 'mongodb',
  stack: stackOf('mongodb'),
  doc: mongodbDoc,
};
