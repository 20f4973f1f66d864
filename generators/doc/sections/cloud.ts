import type { Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { name, names, plural, svcs, described } from '../context';
import { andList, md } from '../markdown';

/** Cloud Integration: external and SaaS systems, and where the rest runs. */

const external = (c: Ctx) => c.external();

export const cloud: Section = {
  title: 'Cloud Integration',
  unused: (c) => (external(c).length === 0 ? 'no cloud or SaaS service: every component runs in the starter stack' : undefined),
  fields: {
    CLOUD_STRATEGY: (c) => open(`the drawing runs ${plural(c.containers().length, 'container')} locally and reaches ${plural(external(c).length, 'external system')}; where production runs is not drawn`, { value: 'hybrid cloud', because: `${names(external(c), 4)} ${external(c).length === 1 ? 'stays' : 'stay'} outside the stack` }),

    MULTI_CLOUD_INTEGRATION: () => open('the clouds used are not drawn', { value: 'cloud-agnostic design', because: 'the stack is plain containers' }),

    HYBRID_INTEGRATION: (c) => fact(`${andList(external(c).map((x) => `${described(x)}`))} outside the stack, called from ${svcs([...new Set(external(c).flatMap((x) => x.at.map((f) => (f.client === x ? f.server : f.client)).filter((y): y is NonNullable<typeof y> => !!y && y !== x)))], 6) || 'nothing yet'}`, { short: 'on-prem to cloud bridge' }),

    CLOUD_NATIVE_SERVICES: (c) => fact(names(external(c)), { short: names(external(c), 4) }),

    SERVERLESS_INTEGRATION: () => fact('none: every component is a container of the stack or an external system', { short: '' }),

    CONTAINER_INTEGRATION: (c) => fact(`${plural(c.containers().length, 'container')} in the Docker Compose starter stack; ${plural(external(c).length, 'external system')} (${svcs(external(c))}) reached over the network`, { short: 'Docker Compose' }),

    CLOUD_SECURITY: (c) => {
      const auth = external(c).map((x) => [x, c.facet(x).outboundAuth?.(x)] as const).filter((x) => x[1]);
      return auth.length ? fact(`credentials for the external systems kept in .env: ${andList(auth.map(([x, a]) => `${a} for ${name(x)}`))}`, { short: 'credentials in .env' }) : open('no credentials for the external systems are set', { value: 'IAM policies', because: 'give each integration its own least-privilege identity' });
    },

    CLOUD_COST_OPTIMIZATION: () => open('hosting and budget are not drawn', { value: 'auto-scaling', because: 'pay for the peak only when it comes' }),

    CLOUD_PERFORMANCE: () => open('regions and edge placement are not drawn', { value: 'regional deployment', because: 'close to the external systems' }),

    CLOUD_COMPLIANCE: (c) => {
      const comp = c.reqList('compliance');
      return comp.length ? fact(andList(comp.map((x) => md(x, 60)))) : open('no regulation is listed', { value: 'data residency', because: 'external systems hold data outside the stack' });
    },
  },
};
