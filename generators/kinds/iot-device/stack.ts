import type { StackFacet } from '../types';
import { builtService } from '../../stack/built';
import { num } from '../../../shared/resolve/props';

/**
 * Simulated devices: the stand-in in device mode publishes one small JSON reading per simulated
 * device (at most 10) on each of its topics, at the fleet's rate per device (at least every second).
 */
export const stack: StackFacet = {
  services: (ctx, n) => {
    const perMinute = num(n.props, 'messagesPerMinute');
    builtService(ctx, n, {
      DEVICES_SIMULATED: String(Math.min(10, Math.max(1, num(n.props, 'devices')))),
      PUBLISH_INTERVAL_SECONDS: String(perMinute > 0 ? Math.max(1, Math.round(60 / perMinute)) : 60),
    });
  },
  exporter: null,
  requestMetrics: null,
  outside: null,
};
