import { apiClientEnv } from '../../k8s/clientenv';
import { builtService } from '../../k8s/services';
import { facet } from '../../k8s/types';

/** A service you build: Deployment, Service and ConfigMap (the stand-in until its image is set); clients get its URL. */
export const k8s = facet({ objects: (ctx, c) => builtService(ctx, c), clientEnv: apiClientEnv });
