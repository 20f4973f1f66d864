import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { mainService } from '../../stack/base';
import { kafkaFor } from '../../stack/wiring';
import { str } from '../../../shared/resolve/props';
import { KAFKA_INTERNAL_PORT } from '../../../shared/catalog';

function schemaRegistry(ctx: StackContext, n: RNode): void {
  const k = kafkaFor(ctx, n);
  const spec = mainService(ctx, n);
  Object.assign(spec.environment, {
    SCHEMA_REGISTRY_HOST_NAME: n.service,
    SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
    SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL: str(n.props, 'compatibility').toLowerCase() || 'backward',
  });
  if (k) {
    spec.environment.SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS = `PLAINTEXT://${k.service}:${KAFKA_INTERNAL_PORT}`;
    if (!ctx.linked(n, (o) => o.kind.id === 'kafka').includes(k)) ctx.note(`\`${n.service}\` stores its schemas in \`${k.service}\`, which is not connected to it: draw the connection so that it can reach the broker.`);
  } else {
    ctx.note(`\`${n.service}\` is not wired to a Kafka; draw a connection from it to the Kafka that stores its schemas.`);
  }
}

export const stack: StackFacet = {
  services: schemaRegistry,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
