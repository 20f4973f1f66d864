import { apiClientEnv } from '../../k8s/clientenv';
import { standardGateway } from '../../k8s/gateway';
import { facet } from '../../k8s/types';

/** The Gateway API class of Envoy Gateway (with its data plane in the Gateway's namespace), its control plane's namespace and its proxies' Prometheus port. */
export const GATEWAY_CLASS = { className: 'envoy-gateway', controlPlane: 'envoy-gateway-system', metricsPort: 19001 } as const;

/** envoy through the Gateway API: a Gateway and a route per forwarded call. */
export const k8s = facet({ objects: standardGateway(GATEWAY_CLASS), clientEnv: apiClientEnv });
