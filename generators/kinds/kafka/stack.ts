import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { stableClusterId } from '../../stack/text';
import { cfg, dataVolume, mainService, sideService } from '../../stack/base';
import { kafkaPlan } from '../../stack/flows';
import { ref } from '../env';
import type { EnvValue } from '../env';
import { num } from '../../../shared/resolve/props';
import { KAFKA_INTERNAL_PORT } from '../../../shared/catalog';

const CREATE_TOPICS = `#!/bin/bash
# Creates the topics listed in /init/topics.txt, one per line:
#   <name> <partitions> <retention.ms> <cleanup.policy>
# --if-not-exists makes it safe to run again. Everything else comes from the environment.
set -euo pipefail
while read -r name partitions retention policy; do
  case "\${name:-#}" in \\#*) continue ;; esac
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVER" --create --if-not-exists \\
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" \\
    --config "retention.ms=$retention" --config "cleanup.policy=$policy"
done < /init/topics.txt
echo "topics ready"
`;

function kafka(ctx: StackContext, n: RNode): void {
  const plan = kafkaPlan(ctx.resolved, n);
  const spec = mainService(ctx, n);
  // Clients on the host connect to localhost on the published port (the same .env variable), when it is published.
  const published = n.ports.find((p) => p.name === 'broker' && p.host !== null);
  const advertised: EnvValue = published?.variable
    ? { parts: [`PLAINTEXT://${n.service}:${KAFKA_INTERNAL_PORT},PLAINTEXT_HOST://localhost:`, ref(published.variable, String(published.host))] }
    : `PLAINTEXT://${n.service}:${KAFKA_INTERNAL_PORT},PLAINTEXT_HOST://localhost:9092`;
  Object.assign(spec.environment, {
    CLUSTER_ID: stableClusterId(`${ctx.doc.name}/${n.id}`),
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_LISTENERS: `PLAINTEXT://:${KAFKA_INTERNAL_PORT},PLAINTEXT_HOST://:9092,CONTROLLER://:9093`,
    KAFKA_ADVERTISED_LISTENERS: advertised,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT',
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
    KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    KAFKA_NUM_PARTITIONS: String(num(n.props, 'defaultPartitions') || 3),
    KAFKA_LOG_RETENTION_HOURS: String(num(n.props, 'retentionHours') || 168),
    KAFKA_LOG_DIRS: '/var/lib/kafka/data',
  });
  spec.volumes.push({ name: dataVolume(n), target: '/var/lib/kafka/data' });
  if (num(n.props, 'replicationFactor') > 1) ctx.note(`\`${n.service}\` asks for replication factor ${num(n.props, 'replicationFactor')}; the starter stack runs one broker, so topics are created with 1.`);

  for (const s of ctx.resolved.messaging.find((p) => p.broker === n && p.protocol === 'kafka')?.subscriptions ?? []) {
    if (s.channels.length === 0) ctx.note(`\`${s.client.service}\` reads from \`${n.service}\` but no topic is written there and none is named on the connection; set a topic on it.`);
  }
  if (plan.topics.length > 0) {
    const lines = ['# name partitions retention.ms cleanup.policy (read by create-topics.sh)'];
    for (const t of plan.topics) lines.push(`${t.name} ${t.partitions} ${t.retentionHours * 3_600_000} ${t.cleanupPolicy}`);
    const list = ctx.addFile(cfg(n, 'topics.txt'), `${lines.join('\n')}\n`);
    const script = ctx.addFile(cfg(n, 'create-topics.sh'), CREATE_TOPICS, 0o755);
    sideService(ctx, n, 'init', {
      description: `Creates the topics of ${n.service} (one-shot)`,
      image: n.kind.image!,
      entrypoint: ['/bin/bash', '/init/create-topics.sh'],
      environment: { BOOTSTRAP_SERVER: `${n.service}:${KAFKA_INTERNAL_PORT}`, REPLICATION_FACTOR: '1' },
      binds: [
        { source: script, target: '/init/create-topics.sh', readOnly: true },
        { source: list, target: '/init/topics.txt', readOnly: true },
      ],
      needs: [{ service: n.service, condition: 'service_healthy' }],
      oneShot: true,
      gate: true,
    });
  }
}

export const stack: StackFacet = {
  services: kafka,
  exporter: (_ctx, t) => ({ command: [`--kafka.server=${t.service}:${KAFKA_INTERNAL_PORT}`], environment: {} }),
  requestMetrics: null,
  outside: null,
};
