import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { toJson } from '../../stack/text';
import { cfg, mainService } from '../../stack/base';
import { num } from '../../../shared/resolve/props';

function jaeger(ctx: StackContext, n: RNode): void {
  const rate = Math.min(100, Math.max(0, num(n.props, 'samplingPercent'))) / 100;
  const sampling = ctx.addFile(cfg(n, 'sampling.json'), toJson({ default_strategy: { type: 'probabilistic', param: rate } }));
  const spec = mainService(ctx, n);
  Object.assign(spec.environment, { COLLECTOR_OTLP_ENABLED: 'true', SAMPLING_STRATEGIES_FILE: '/etc/jaeger/sampling.json' });
  spec.binds.push({ source: sampling, target: '/etc/jaeger/sampling.json', readOnly: true });
}

export const stack: StackFacet = {
  services: jaeger,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
