import { str } from '../../../shared/resolve/props';
import { secretEnv, valueEnv } from '../../k8s/build';
import { urlEnv } from '../../k8s/clientenv';
import { kafkaOf, kafkaUserName, SASL_MECHANISM } from '../../k8s/kafka';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

/** Schema Registry: a Deployment keeping its schemas in `_schemas` on its Kafka (as its own KafkaUser); clients get its URL. */
export const k8s = facet({
  objects: (ctx, c) => {
    const kafka = kafkaOf(c);
    const flow = c.at.find((f) => f.client === c && f.server === kafka);
    if (!kafka || !flow?.host) ctx.note(`\`${c.service}\` is wired to no Kafka: it cannot store its schemas until it is.`);
    const user = kafka ? kafkaUserName(ctx, kafka, c) : '';
    runComponent(ctx, c, {
      env: [
        valueEnv('SCHEMA_REGISTRY_HOST_NAME', c.service),
        valueEnv('SCHEMA_REGISTRY_LISTENERS', `http://0.0.0.0:${c.listenPort}`),
        valueEnv('SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL', str(c.props, 'compatibility') || 'BACKWARD'),
        ...(kafka && flow?.host
          ? [
              valueEnv('SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS', `SASL_PLAINTEXT://${flow.host}:${flow.port}`),
              valueEnv('SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL', 'SASL_PLAINTEXT'),
              valueEnv('SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM', SASL_MECHANISM),
              secretEnv('SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG', { name: user, key: 'sasl.jaas.config' }),
            ]
          : []),
      ],
      size: 'medium',
      noClientEnv: true,
    });
  },
  clientEnv: (_ctx, s, f) => [urlEnv(s, f, 'http')],
  kafkaUse: () => ({ topics: [{ name: '_schemas', compact: true }], groups: ['schema-registry'] }),
});
