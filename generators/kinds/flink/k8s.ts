import { num, str } from '../../../shared/resolve/props';
import { configMap, container, dataMount, envConfigMapName, healthProbes, service, splitEnv, tcpProbes, valueEnv, workload } from '../../k8s/build';
import { COMPONENT_LABEL } from '../../k8s/platform';
import { facet } from '../../k8s/types';

/**
 * Flink: a session cluster, its JobManager a StatefulSet (checkpoints on a claim) and a
 * TaskManager beside it; both get the environment of its connections (brokers, stores).
 */
export const k8s = facet({
  objects: (ctx, c) => {
    const props = [
      `jobmanager.rpc.address: ${c.service}`,
      `parallelism.default: ${num(c.props, 'parallelism') || 2}`,
      `execution.checkpointing.interval: ${num(c.props, 'checkpointIntervalMs') || 60000}ms`,
      `execution.checkpointing.mode: ${c.props.exactlyOnce === false ? 'AT_LEAST_ONCE' : 'EXACTLY_ONCE'}`,
      `state.backend.type: ${str(c.props, 'stateBackend') || 'rocksdb'}`,
      'state.checkpoints.dir: file:///opt/flink/checkpoints',
      'metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
      'metrics.reporter.prom.port: 9249',
    ].join('\n');
    const { plain, env } = splitEnv([valueEnv('FLINK_PROPERTIES', props), ...ctx.clientEnv(c)]);
    const cm = envConfigMapName(ctx, c);
    configMap(ctx, c, cm, plain);
    const jm = container({ name: 'jobmanager', image: c.kind.image!, args: ['jobmanager'], ports: [{ name: 'web', containerPort: 8081 }, { name: 'rpc', containerPort: 6123 }, { name: 'metrics', containerPort: 9249 }], env, envFrom: [cm], probes: healthProbes(c.healthcheck), size: 'large', volumeMounts: [dataMount('/opt/flink/checkpoints')] });
    workload(ctx, c, { kind: 'StatefulSet', containers: [jm], storage: '5Gi', labels: { 'topoforge.dev/role': 'jobmanager' } });
    const tm = container({ name: 'taskmanager', image: c.kind.image!, args: ['taskmanager'], ports: [{ name: 'metrics', containerPort: 9249 }], env, envFrom: [cm], probes: tcpProbes(6122), size: 'large' });
    workload(ctx, c, { kind: 'Deployment', name: ctx.name('Deployment', `${c.id}/taskmanager`, `${c.service}-taskmanager`), containers: [tm], labels: { 'topoforge.dev/role': 'taskmanager' } });
    const ports = [
      { name: 'web', port: c.listenPort, targetPort: 8081 },
      { name: 'rpc', port: 6123, targetPort: 6123 },
      { name: 'metrics', port: 9249, targetPort: 9249 },
    ];
    service(ctx, c, ports, { selector: { [COMPONENT_LABEL]: c.service, 'topoforge.dev/role': 'jobmanager' } });
    // The JobManager and TaskManagers talk to each other.
    ctx.extra(c).self = true;
  },
});
