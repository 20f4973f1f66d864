import { num } from '../../../shared/resolve/props';
import { valueEnv } from '../../k8s/build';
import { builtService } from '../../k8s/services';
import { facet } from '../../k8s/types';

/** A worker you build: a Deployment (the stand-in until its image is set) with its concurrency. */
export const k8s = facet({ objects: (ctx, c) => builtService(ctx, c, [valueEnv('CONCURRENCY', String(num(c.props, 'concurrency') || 1))]) });
