import type { ClientEnvFacet, Env } from '../env';
import { cred, list } from '../env';
import { mqttPlan } from '../../stack/flows';
import { str } from '../../../shared/resolve/props';

/**
 * Publishers and subscribers get the address, their account (devices the device account, which
 * may only publish their telemetry; services the services' account) and their topics.
 */
export const clientEnv: ClientEnvFacet = ({ resolved, flow: e, client: n, server: s }) => {
  if (e.protocol !== 'mqtt') return {};
  const P = s.envPrefix;
  const host = e.host ?? s.service;
  const port = e.port ?? s.listenPort;
  const device = n.roles.includes('device');
  const out: Env = {
    [`${P}_URL`]: `mqtt://${host}:${port}`,
    [`${P}_HOST`]: host,
    [`${P}_PORT`]: String(port),
    [`${P}_USERNAME`]: cred(device ? s.credentials.DEVICE_USER! : s.credentials.USER!),
    [`${P}_PASSWORD`]: cred(device ? s.credentials.DEVICE_PASSWORD! : s.credentials.PASSWORD!),
  };
  const plan = mqttPlan(resolved, s);
  const pub = plan.publish.get(n) ?? [];
  if (pub.length > 0) out[`${P}_PUBLISH_TOPICS`] = list(pub);
  const sub = plan.subscribe.get(n) ?? [];
  if (sub.length > 0) out[`${P}_SUBSCRIBE_TOPICS`] = list(sub);
  out[`${P}_QOS`] = str(e.props, 'qos') || str(s.props, 'qos') || '1';
  return out;
};
