import { getKind } from '../../shared/catalog';
import type { RNode, StackContext } from './context';
import { cfg, dataVolume, mainService } from './base';
import { mqttCreds, sftpCreds } from './creds';
import { mqttPlan } from './flows';
import { num, str } from '../../shared/resolve/props';
import { composeLiteral, nginxString } from './text';
import { mergeEnv, wireClient } from './wiring';

/**
 * The user's own services. Until the node names an image, a stand-in runs in its place: an
 * nginx that listens on the service's port and answers every path with 200 (and a valid,
 * tiny Prometheus exposition on the metrics path), so the stack starts and health checks pass.
 */

export const STAND_IN_IMAGE = getKind('nginx')?.image ?? 'nginx:1.27-alpine';

export function standInConf(n: RNode, port: number): string {
  const body = JSON.stringify({ service: n.id, kind: n.kind.id, status: 'stand-in' });
  const metricsPath = n.kind.metricsPath;
  const lines = [
    `# Stand-in for ${n.id} (${n.kind.name}): answers every request with 200 until you set the`,
    '# node\'s image to your own service. Mounted as /etc/nginx/conf.d/default.conf.',
    'server {',
    `    listen ${port};`,
    '    default_type application/json;',
  ];
  if (metricsPath) {
    lines.push(
      `    location = ${nginxString(metricsPath)} {`,
      '        default_type text/plain;',
      '        return 200 "# HELP topoforge_stand_in 1 while the stand-in runs.\\n# TYPE topoforge_stand_in gauge\\ntopoforge_stand_in 1\\n";',
      '    }',
    );
  }
  lines.push('    location / {', `        return 200 ${nginxString(body)};`, '    }', '}', '');
  return lines.join('\n');
}

function userService(ctx: StackContext, n: RNode): void {
  const port = num(n.props, 'port') || ctx.internalPort(n);
  const image = str(n.props, 'image');
  const healthPath = safePath(str(n.props, 'healthPath')) ?? '/';
  const spec = mainService(ctx, n, {
    description: image ? `${n.kind.name} (your image)` : `${n.kind.name} (stand-in until you set its image)`,
    image: image || STAND_IN_IMAGE,
    ports: n.kind.id === 'iot-device' ? [] : [{ container: port, host: port, name: 'http' }],
    healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}${healthPath}`], interval: '10s', timeout: '5s', retries: 5, startPeriod: '10s' },
  });
  if (!image) {
    spec.binds.push({ source: ctx.addFile(cfg(n, 'stand-in.conf'), standInConf(n, port)), target: '/etc/nginx/conf.d/default.conf', readOnly: true });
  } else {
    ctx.note(`\`${n.id}\` runs your image ${image}; its health check calls \`wget\` on http://127.0.0.1:${port}${healthPath}, so the image needs wget (or change the healthcheck).`);
  }
  spec.environment.PORT = String(port);
  if (n.kind.id === 'batch-job') spec.environment.SCHEDULE = composeLiteral(str(n.props, 'schedule'));
  if (n.kind.id === 'worker') spec.environment.CONCURRENCY = String(num(n.props, 'concurrency') || 1);
  mergeEnv(spec, wireClient(ctx, n));
}

/** A path from the design with no `.`/`..` segment (the catalog pattern already limits its characters). */
export function safePath(p: string): string | undefined {
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(p)) return undefined;
  if (p.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return p;
}

const SIMULATOR = `#!/bin/sh
# Simulated IoT devices: each loop publishes one small JSON reading per simulated device to
# $MQTT_TOPIC, then sleeps $INTERVAL_SECONDS. Everything it needs comes from the environment.
set -u
seq=0
while true; do
  n=1
  while [ "$n" -le "$DEVICES_SIMULATED" ]; do
    if mosquitto_pub -h "$MQTT_HOST" -p "$MQTT_PORT" -u "$MQTT_USERNAME" -P "$MQTT_PASSWORD" -q "$MQTT_QOS" \\
      -t "$MQTT_TOPIC" -m "{\\"device\\":$n,\\"seq\\":$seq,\\"value\\":$((seq % 100))}"; then
      touch /tmp/alive
    fi
    n=$((n + 1))
  done
  seq=$((seq + 1))
  sleep "$INTERVAL_SECONDS"
done
`;

function iotDevice(ctx: StackContext, n: RNode): void {
  const e = ctx.edgesFrom(n, ['mqtt']).find((x) => x.to.kind.id === 'mqtt-broker');
  if (!e) {
    userService(ctx, n);
    return;
  }
  const broker = e.to;
  const cr = mqttCreds(ctx, broker);
  const filter = mqttPlan(ctx, broker).publish.get(n)?.[0] ?? `${n.id}/telemetry`;
  // One cannot publish to a filter: each + level becomes "sim", a trailing # becomes "telemetry".
  const topic = filter.replace(/(^|\/)\+(?=\/|$)/g, '$1sim').replace(/(^|\/)#$/, '$1telemetry');
  if (topic !== filter) ctx.note(`\`${n.id}\` publishes to the topic filter ${filter}; the simulator publishes to ${topic}.`);
  const perMinute = num(n.props, 'messagesPerMinute');
  const spec = mainService(ctx, n, {
    description: 'Simulated devices publishing MQTT telemetry',
    image: getKind('mqtt-broker')?.image ?? 'eclipse-mosquitto:2.0.20',
    entrypoint: ['sh', '/simulator/simulate.sh'],
    ports: [],
    healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/alive'], interval: '10s', timeout: '5s', retries: 10, startPeriod: '30s' },
  });
  spec.binds.push({ source: ctx.addFile(cfg(n, 'simulate.sh'), SIMULATOR, 0o755), target: '/simulator/simulate.sh', readOnly: true });
  Object.assign(spec.environment, {
    MQTT_HOST: broker.id,
    MQTT_PORT: '1883',
    MQTT_USERNAME: cr.app.user,
    MQTT_PASSWORD: cr.app.password,
    MQTT_TOPIC: composeLiteral(topic),
    MQTT_QOS: str(e.props, 'qos') || '1',
    DEVICES_SIMULATED: String(Math.min(10, Math.max(1, num(n.props, 'devices')))),
    INTERVAL_SECONDS: String(perMinute > 0 ? Math.max(1, Math.round(60 / perMinute)) : 60),
  });
  mergeEnv(spec, wireClient(ctx, n));
}

function sftpServer(ctx: StackContext, n: RNode): void {
  const cr = sftpCreds(ctx, n);
  const dir = str(n.props, 'directory') || 'upload';
  const spec = mainService(ctx, n);
  // atmoz/sftp reads its accounts from SFTP_USERS: user:password:uid:gid:directory.
  spec.environment.SFTP_USERS = `${cr.user}:${cr.password}:1001:100:${composeLiteral(dir)}`;
  spec.volumes.push({ name: dataVolume(n), target: '/home' });
}

export const SERVICE_HANDLERS: Record<string, (ctx: StackContext, n: RNode) => void> = {
  'rest-service': userService,
  'grpc-service': userService,
  'graphql-service': userService,
  'web-app': userService,
  worker: userService,
  'batch-job': userService,
  'iot-device': iotDevice,
  'sftp-server': sftpServer,
};
