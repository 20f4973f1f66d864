import type { Component } from '../../../shared/resolve';
import { num, str } from '../../../shared/resolve/props';
import { apiClientEnv } from '../../k8s/clientenv';
import type { K8sContext } from '../../k8s/context';
import { gatewayObjects } from '../../k8s/gateway';
import { facet } from '../../k8s/types';

/** The Gateway API class of Envoy Gateway (with its data plane in the Gateway's namespace), its control plane's namespace and its proxies' Prometheus port. */
export const GATEWAY_CLASS = { className: 'envoy-gateway', controlPlane: 'envoy-gateway-system', metricsPort: 19001 } as const;

/** envoy through the Gateway API: a Gateway and a route per forwarded call. */
function objects(ctx: K8sContext, c: Component): void {
  gatewayObjects(ctx, c, GATEWAY_CLASS);
  const auth = str(c.props, 'auth') || 'none';
  const limit = num(c.props, 'rateLimitPerMinute');
  if (auth !== 'none' || limit > 0 || c.props.cors === true) {
    ctx.note(`\`${c.service}\`: its authentication (${auth}), rate limit and CORS are policies of the controller (not in the Gateway API standard channel) and are not generated; set them with your controller's policy resources.`);
  }
}

export const k8s = facet({ objects, clientEnv: apiClientEnv });
