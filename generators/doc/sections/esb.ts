import type { Section } from '../answer';
import { open } from '../answer';
import { svcs } from '../context';
import { brokers } from '../facts';

/**
 * Enterprise Service Bus: the catalog has no ESB, so a design never uses one; the section says
 * so in one line and names what carries the integration instead. A decision written into the
 * requirements (say, a MuleSoft platform in production) still shows.
 */

const noEsb = () => open('the catalog has no ESB');

export const esb: Section = {
  title: 'Enterprise Service Bus',
  unused: (c) => {
    const hubs = [...c.r.gateways.map((p) => p.gateway), ...brokers(c)];
    return `no ESB: ${hubs.length ? `integration runs through ${svcs(hubs, 6)}` : 'the systems call each other directly'}`;
  },
  fields: Object.fromEntries(
    ['ESB_PLATFORM', 'SERVICE_REGISTRY', 'SERVICE_DISCOVERY', 'MESSAGE_MEDIATION', 'PROTOCOL_TRANSLATION', 'DATA_TRANSFORMATION', 'ROUTING_LOGIC', 'SERVICE_ORCHESTRATION', 'QUALITY_OF_SERVICE', 'GOVERNANCE_FRAMEWORK'].map((v) => [v, noEsb]),
  ),
};
