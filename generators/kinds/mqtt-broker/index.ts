import { stack } from './stack';
import { clientEnv } from './client-env';
import type { KindModule } from '../types';
import { k8s } from './k8s';
import { mqttBrokerDoc } from './doc';

/** mqtt-broker: its behaviour in the generators (its facts are its catalog entry). */
export const mqttBroker: KindModule = {
  id: 'mqtt-broker',
  stack,
  clientEnv,
  k8s,
  doc: mqttBrokerDoc,
};
