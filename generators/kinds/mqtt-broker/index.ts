import { stackOf } from '../legacy-stack';
import type { KindModule } from '../types';
import { mqttBrokerDoc } from './doc';

/** mqtt-broker: its behaviour in the generators (its facts are its catalog entry). */
export const mqttBroker: KindModule = {
  id: 'mqtt-broker',
  stack: stackOf('mqtt-broker'),
  doc: mqttBrokerDoc,
};
