import type { Component } from '../../../shared/resolve';
import { apiClientEnv } from '../../k8s/clientenv';
import type { K8sContext } from '../../k8s/context';
import { gatewayObjects, gatewayPlanOf } from '../../k8s/gateway';
import { facet } from '../../k8s/types';

/** The Gateway API class of NGINX Gateway Fabric and its control plane's namespace. */
export const GATEWAY_CLASS = { className: 'nginx', controlPlane: 'nginx-gateway' } as const;

/** nginx through the Gateway API: a Gateway and a route per forwarded call. */
function objects(ctx: K8sContext, c: Component): void {
  gatewayObjects(ctx, c, GATEWAY_CLASS);
  const plan = gatewayPlanOf(ctx, c);
  const asked = [plan && plan.auth !== 'none' ? `its authentication (${plan.auth})` : '', plan?.rateLimit ? `its rate limit (${plan.rateLimit.perMinute} requests per minute)` : '', plan?.cors ? 'CORS' : ''].filter(Boolean);
  if (asked.length > 0) {
    ctx.note(`\`${c.service}\`: ${asked.join(', ')} ${asked.length > 1 ? 'are policies' : 'is a policy'} of the controller (not in the Gateway API standard channel) and ${asked.length > 1 ? 'are' : 'is'} not generated; set ${asked.length > 1 ? 'them' : 'it'} with your controller's policy resources: until then the routes are open.`);
  }
}

export const k8s = facet({ objects, clientEnv: apiClientEnv });
