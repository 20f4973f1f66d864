import { stack } from './stack';
import type { KindModule } from '../types';

/** iot-device: its behaviour in the generators (its facts are its catalog entry). */
export const iotDevice: KindModule = {
  id: 'iot-device',
  stack,
  clientEnv: null,
};
