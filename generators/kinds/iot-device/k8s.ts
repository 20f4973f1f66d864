import { num } from '../../../shared/resolve/props';
import { valueEnv } from '../../k8s/build';
import { builtService } from '../../k8s/services';
import { facet } from '../../k8s/types';

/** Simulated devices: a Deployment publishing telemetry with the credentials of its broker; it serves nothing. */
export const k8s = facet({
  objects: (ctx, c) => {
    const perMinute = num(c.props, 'messagesPerMinute');
    builtService(ctx, c, [valueEnv('DEVICES_SIMULATED', String(Math.min(10, Math.max(1, num(c.props, 'devices'))))), valueEnv('INTERVAL_SECONDS', String(perMinute > 0 ? Math.max(1, Math.round(60 / perMinute)) : 60))], { serves: false });
  },
});
