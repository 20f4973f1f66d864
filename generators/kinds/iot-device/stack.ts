import { builtService, wireBuilt } from '../../stack/built';
import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { composeLiteral } from '../../stack/text';
import { mqttCreds } from '../../stack/creds';
import { cfg, mainService } from '../../stack/base';
import { mqttPlan } from '../../stack/flows';
import { mergeEnv, wireClient } from '../../stack/wiring';
import { num, str } from '../../../shared/resolve/props';
import { getKind } from '../../../shared/catalog';

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
    wireBuilt(ctx, n, builtService(ctx, n, { published: false }));
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

export const stack: StackFacet = {
  services: iotDevice,
  exporter: null,
  requestMetrics: null,
  alerts: null,
  outside: null,
};
