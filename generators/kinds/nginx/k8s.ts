import { apiClientEnv } from '../../k8s/clientenv';
import { standardGateway } from '../../k8s/gateway';
import { facet } from '../../k8s/types';

/** The Gateway API class of NGINX Gateway Fabric and its control plane's namespace. */
export const GATEWAY_CLASS = { className: 'nginx', controlPlane: 'nginx-gateway' } as const;

/** nginx through the Gateway API: a Gateway and a route per forwarded call. */
export const k8s = facet({ objects: standardGateway(GATEWAY_CLASS), clientEnv: apiClientEnv });
