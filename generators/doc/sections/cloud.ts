import type { Resolver } from '../context';
import { components, filled, names, open, plural } from '../context';
import { andList, md } from '../markdown';

/** Cloud Integration: mostly outside a drawing; what the design does say is filled. */

const notDrawn = (what: string, decide: string) => open(`the design does not say ${what}`, decide);

export const cloud: Record<string, Resolver> = {
  CLOUD_STRATEGY: () => notDrawn('where the components run beyond the local Docker Compose stack', 'choose cloud-native, hybrid or multi-cloud and note it in the requirements'),

  MULTI_CLOUD_INTEGRATION: () => notDrawn('which clouds are used', 'name the clouds in the requirements'),

  HYBRID_INTEGRATION: (c) => {
    const legacy = c.ofKind('legacy-system', 'sftp-server');
    const saas = c.ofKind('saas-app', 'snowflake');
    if (!legacy.length && !saas.length) return open('no on-premises or SaaS system in the design', 'add the external systems (Legacy system, SaaS app) if there are any');
    return filled([legacy.length ? `on-premises ${components(legacy)}` : '', saas.length ? `SaaS ${components(saas)}` : ''].filter(Boolean).join('; ') + ' integrated with the containerised services', legacy.length ? 'on-prem to cloud bridge' : 'SaaS integration');
  },

  CLOUD_NATIVE_SERVICES: (c) => {
    const cloudy = c.ofKind('snowflake', 'object-storage', 'saas-app');
    return cloudy.length ? filled(components(cloudy), names(cloudy, 4)) : notDrawn('which managed cloud services are used', 'add object storage, Snowflake or SaaS apps, or name managed services in the requirements');
  },

  SERVERLESS_INTEGRATION: () => notDrawn('whether anything runs serverless (every component here is a container or an external system)', 'decide it for the production platform'),

  CONTAINER_INTEGRATION: (c) => {
    const run = c.nodes.filter((n) => n.kind && !n.kind.external);
    const ext = c.nodes.filter((n) => n.kind?.external);
    return run.length ? filled(`${plural(run.length, 'container')} in the Docker Compose starter stack${ext.length ? `; ${plural(ext.length, 'external system')} (${andList(ext.map((n) => md(n.node.label || n.id, 40)))}) ${ext.length === 1 ? 'stays' : 'stay'} outside` : ''}`, 'Docker Compose') : open('no containerised component in the design', 'add components the stack runs');
  },

  CLOUD_SECURITY: () => notDrawn('the cloud account, network and IAM setup', 'decide IAM policies and network isolation for the target cloud'),

  CLOUD_COST_OPTIMIZATION: () => notDrawn('the hosting or its budget', 'estimate costs once the target cloud is chosen'),

  CLOUD_PERFORMANCE: () => notDrawn('regions or edge placement', 'decide regions from where users and systems are'),

  CLOUD_COMPLIANCE: (c) => {
    const comp = Array.isArray(c.req.compliance) ? c.req.compliance.filter((x): x is string => typeof x === 'string') : [];
    return comp.length ? filled(andList(comp.map((x) => md(x, 60)))) : notDrawn('which regulations apply', 'list them in the requirements (Compliance)');
  },
};
