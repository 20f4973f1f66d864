import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { dataVolume, mainService, sideService } from '../../stack/base';
import { mergeEnv, wireClient } from '../../stack/wiring';
import { bool, num, str } from '../../../shared/resolve/props';

function flink(ctx: StackContext, n: RNode): void {
  const props = [
    `jobmanager.rpc.address: ${n.service}`,
    `parallelism.default: ${num(n.props, 'parallelism') || 1}`,
    `taskmanager.numberOfTaskSlots: ${Math.max(1, num(n.props, 'parallelism') || 1)}`,
    `execution.checkpointing.interval: ${num(n.props, 'checkpointIntervalMs') || 60000}ms`,
    `execution.checkpointing.mode: ${bool(n.props, 'exactlyOnce') ? 'EXACTLY_ONCE' : 'AT_LEAST_ONCE'}`,
    `state.backend.type: ${str(n.props, 'stateBackend') || 'rocksdb'}`,
    'state.checkpoints.dir: file:///opt/flink/checkpoints',
    'metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
    `metrics.reporter.prom.port: ${n.kind.metricsPort ?? 9249}`,
  ].join('\n');
  const spec = mainService(ctx, n, { command: ['jobmanager'] });
  spec.environment.FLINK_PROPERTIES = props;
  spec.volumes.push({ name: dataVolume(n, 'checkpoints'), target: '/opt/flink/checkpoints' });
  mergeEnv(spec, wireClient(ctx, n));
  const tm = sideService(ctx, n, 'taskmanager', {
    description: `Task manager of ${n.service}`,
    image: n.kind.image!,
    command: ['taskmanager'],
    environment: { FLINK_PROPERTIES: props },
    volumes: [{ name: dataVolume(n, 'checkpoints'), target: '/opt/flink/checkpoints' }],
    needs: [{ service: n.service, condition: 'service_healthy' }],
  });
  mergeEnv(tm, wireClient(ctx, n));
  const w = str(n.props, 'window');
  if (w && w !== 'none') spec.environment.FLINK_JOB_WINDOW = `${w} ${num(n.props, 'windowMinutes') || 5}m`;
  ctx.note(`\`${n.service}\` (Flink) starts an empty session cluster; submit your job with \`flink run\` or the web UI.`);
}

export const stack: StackFacet = {
  services: flink,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
