import type { ClientEnvFacet } from '../types';
import { mqttCreds } from '../../stack/creds';
import { mqttPlan } from '../../stack/flows';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Publishers and subscribers get the URL, credentials and their topics. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow: e, client: n, server: s, set }) => {
  if (e.protocol !== 'mqtt') return;
  const list = (values: readonly string[]) => composeLiteral(values.join(','));
  const T = upperSnake(s.id);
  const cr = mqttCreds(ctx, s);
  set(`${T}_URL`, `mqtt://${s.id}:1883`);
  set(`${T}_USERNAME`, cr.app.user);
  set(`${T}_PASSWORD`, cr.app.password);
  const plan = mqttPlan(ctx, s);
  const pub = plan.publish.get(n) ?? [];
  if (pub.length > 0) set('MQTT_PUBLISH_TOPICS', list(pub));
  const sub = plan.subscribe.get(n) ?? [];
  if (sub.length > 0) set('MQTT_SUBSCRIBE_TOPICS', list(sub));
  set('MQTT_QOS', str(e.props, 'qos') || str(s.props, 'qos') || '1');
};
