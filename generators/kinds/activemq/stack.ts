import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { cred } from '../env';
import { cfg, dataVolume, mainService } from '../../stack/base';
import { brokerXml } from './broker-xml';

/** Where the official image takes a broker.xml that replaces the one it creates. */
export const BROKER_XML_PATH = '/var/lib/artemis-instance/etc-override/broker.xml';

/**
 * ActiveMQ Artemis: the official image, its user from `.env` (ARTEMIS_USER/ARTEMIS_PASSWORD, which
 * the image creates at first start), the broker.xml of the messaging plan, the instance (journal
 * and users) on a volume.
 */
function activemq(ctx: StackContext, n: RNode): void {
  const file = ctx.addFile(cfg(n, 'broker.xml'), brokerXml(ctx.resolved, n));
  const spec = mainService(ctx, n);
  Object.assign(spec.environment, {
    ARTEMIS_USER: cred(n.credentials.USER!),
    ARTEMIS_PASSWORD: cred(n.credentials.PASSWORD!),
  });
  spec.binds.push({ source: file, target: BROKER_XML_PATH, readOnly: true });
  spec.volumes.push({ name: dataVolume(n), target: '/var/lib/artemis-instance' });
}

export const stack: StackFacet = {
  services: activemq,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
