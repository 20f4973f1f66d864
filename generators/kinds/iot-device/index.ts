import { stack } from './stack';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { iotDeviceDoc } from './doc';

/** iot-device: its behaviour in the generators (its facts are its catalog entry). */
export const iotDevice: KindModule = {
  id: 'iot-device',
  stack,
  clientEnv: null,
  k8s,
  doc: iotDeviceDoc,
};
