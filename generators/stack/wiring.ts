import { KAFKA_INTERNAL_PORT } from '../../shared/catalog';
import type { RNode, ServiceSpec, StackContext } from './context';
import { connectionOf } from './context';
import { clickhouseCreds, elasticPassword, minioCreds, mongoCreds, mqCreds, mqttCreds, mysqlCreds, natsCreds, pgCreds, rabbitCreds, redisPassword, sftpCreds, vaultToken } from './creds';
import { kafkaPlan, mqPlan, mqttPlan, natsPlan, rabbitPlan } from './flows';
import { num, str } from '../../shared/resolve/props';
import { composeLiteral, upperSnake } from './text';

/**
 * The environment a component gets for everything it connects to: URLs built from variables,
 * topics, queues, subjects. User services read these; the README lists them.
 */


/** `host:port` of a node inside the stack network. */
export function addr(ctx: StackContext, n: RNode): string {
  return `${n.id}:${ctx.internalPort(n)}`;
}

/** The Kafka a node is wired to (by a kafka edge either way), or the only Kafka of the design. */
export function kafkaFor(ctx: StackContext, n: RNode): RNode | undefined {
  const linked = ctx.linked(n, 'kafka');
  if (linked.length > 0) return linked[0];
  const all = ctx.ofKind('kafka');
  return all.length === 1 ? all[0] : undefined;
}

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/%-]*)?$/;

/** A base URL from the design only if it holds nothing but a plain scheme://host[:port][/path]. */
export function safeBaseUrl(url: string): string | undefined {
  return SAFE_URL.test(url) ? url : undefined;
}

export function wireClient(ctx: StackContext, n: RNode): Record<string, string> {
  const env: Record<string, string> = {};
  const set = (k: string, v: string) => {
    if (!(k in env)) env[k] = v;
  };
  const list = (values: readonly string[]) => composeLiteral(values.join(','));
  // The client is one end of the edge: only the edges at `n` can make it one (in design order).
  for (const e of ctx.edgesAt(n)) {
    const c = connectionOf(e);
    if (!c || c.client !== n || c.server === n) continue;
    const s = c.server;
    const T = upperSnake(s.id);
    const p = e.protocol;
    switch (p) {
      case 'http':
      case 'graphql':
      case 'websocket': {
        const scheme = p === 'websocket' ? 'ws' : 'http';
        if (s.kind.id === 'keycloak') {
          set(`${T}_ISSUER_URL`, `http://${addr(ctx, s)}/realms/${composeLiteral(str(s.props, 'realm') || 'topoforge')}`);
        } else if (s.kind.id === 'vault') {
          set('VAULT_ADDR', `http://${addr(ctx, s)}`);
          set('VAULT_TOKEN', vaultToken(ctx, s));
        } else if (s.kind.id === 'elasticsearch') {
          set(`${T}_URL`, `http://${addr(ctx, s)}`);
          set(`${T}_USER`, 'elastic');
          set(`${T}_PASSWORD`, elasticPassword(ctx, s));
        } else if (s.kind.id === 'clickhouse') {
          const cr = clickhouseCreds(ctx, s);
          set(`${T}_URL`, `http://${cr.user}:${cr.password}@${addr(ctx, s)}`);
        } else if (s.kind.id === 'schema-registry') {
          set('SCHEMA_REGISTRY_URL', `http://${addr(ctx, s)}`);
        } else if (s.kind.external) {
          const base = safeBaseUrl(str(s.props, 'baseUrl'));
          set(`${T}_URL`, ctx.env.ref(s.id, 'URL', { comment: `Base URL of ${s.id} (external: not started by this stack)`, example: base ?? 'https://example.invalid' }));
          if (s.kind.id === 'saas-app' && str(s.props, 'auth') !== 'none') {
            set(`${T}_CREDENTIAL`, ctx.env.ref(s.id, 'CREDENTIAL', { comment: `Credential (${str(s.props, 'auth') || 'api-key'}) for ${s.id}`, secret: true }));
          }
        } else {
          const path = s.kind.id === 'graphql-service' && p === 'graphql' ? str(s.props, 'endpoint') : '';
          set(`${T}_URL`, `${scheme}://${addr(ctx, s)}${composeLiteral(path)}`);
        }
        break;
      }
      case 'grpc':
        set(`${T}_ADDRESS`, addr(ctx, s));
        break;
      case 'kafka': {
        if (s.kind.id !== 'kafka') break;
        set('KAFKA_BOOTSTRAP_SERVERS', `${s.id}:${KAFKA_INTERNAL_PORT}`);
        set(`${T}_BOOTSTRAP_SERVERS`, `${s.id}:${KAFKA_INTERNAL_PORT}`);
        const plan = kafkaPlan(ctx, s);
        const produced = plan.produce.get(n) ?? [];
        if (produced.length > 0) set('TOPICS_PRODUCE', list(produced));
        const consumed = plan.consumers.filter((x) => x.client === n);
        if (consumed.length > 0) {
          set('TOPICS_CONSUME', list([...new Set(consumed.flatMap((x) => x.topics))]));
          set('KAFKA_CONSUMER_GROUP', composeLiteral(consumed[0]!.group));
          const dlt = [...new Set(consumed.flatMap((x) => x.deadLetterTopics))];
          if (dlt.length > 0) set('TOPICS_DEAD_LETTER', list(dlt));
          const retries = Math.max(...consumed.map((x) => x.retries));
          if (retries > 0) set('CONSUMER_MAX_RETRIES', String(retries));
        }
        const registry = ctx.linked(s, 'schema-registry')[0];
        if (registry) set('SCHEMA_REGISTRY_URL', `http://${addr(ctx, registry)}`);
        break;
      }
      case 'amqp': {
        if (s.kind.id !== 'rabbitmq') break;
        const cr = rabbitCreds(ctx, s);
        const plan = rabbitPlan(ctx, s);
        set(`${T}_URL`, `amqp://${cr.user}:${cr.password}@${s.id}:5672/${composeLiteral(encodeURIComponent(plan.vhost))}`);
        const pub = plan.publish.get(n) ?? [];
        if (pub.length > 0) set('AMQP_PUBLISH', list(pub.map((x) => `${x.exchange}:${x.routingKey}`)));
        const con = plan.consume.get(n) ?? [];
        if (con.length > 0) {
          set('AMQP_CONSUME_QUEUES', list(con.map((x) => x.queue)));
          set('AMQP_PREFETCH', String(con[0]!.prefetch));
          const retry = con.flatMap((x) => (x.retryQueue ? [x.retryQueue] : []));
          if (retry.length > 0) set('AMQP_RETRY_QUEUES', list(retry));
          const dlq = con.flatMap((x) => (x.deadLetterQueue ? [x.deadLetterQueue] : []));
          if (dlq.length > 0) set('AMQP_DEAD_LETTER_QUEUES', list(dlq));
        }
        break;
      }
      case 'mqtt': {
        if (s.kind.id !== 'mqtt-broker') break;
        const cr = mqttCreds(ctx, s);
        set(`${T}_URL`, `mqtt://${s.id}:1883`);
        set(`${T}_USERNAME`, cr.app.user);
        set(`${T}_PASSWORD`, cr.app.password);
        const plan = mqttPlan(ctx, s);
        const pub = plan.publish.get(n) ?? [];
        if (pub.length > 0) set('MQTT_PUBLISH_TOPICS', list(pub));
        const sub = plan.subscribe.get(n) ?? [];
        if (sub.length > 0) set('MQTT_SUBSCRIBE_TOPICS', list(sub));
        set('MQTT_QOS', str(e.props, 'qos') || str(s.props, 'qos') || '1');
        break;
      }
      case 'nats': {
        if (s.kind.id !== 'nats') break;
        const cr = natsCreds(ctx, s);
        set(`${T}_URL`, `nats://${cr.user}:${cr.password}@${s.id}:4222`);
        const plan = natsPlan(ctx, s);
        const pub = plan.publish.get(n) ?? [];
        if (pub.length > 0) set('NATS_PUBLISH_SUBJECTS', list(pub));
        const sub = plan.subscribe.get(n) ?? [];
        if (sub.length > 0) set('NATS_SUBSCRIBE_SUBJECTS', list(sub));
        break;
      }
      case 'jms': {
        if (s.kind.id === 'ibm-mq') {
          const cr = mqCreds(ctx, s);
          set(`${T}_HOST`, s.id);
          set(`${T}_PORT`, '1414');
          set(`${T}_QUEUE_MANAGER`, composeLiteral(str(s.props, 'queueManager') || 'QM1'));
          set(`${T}_CHANNEL`, 'DEV.APP.SVRCONN');
          set(`${T}_USER`, 'app');
          set(`${T}_PASSWORD`, cr.app);
          const plan = mqPlan(ctx, s);
          const put = plan.put.get(n) ?? [];
          if (put.length > 0) set('MQ_PUT_QUEUES', list(put));
          const got = plan.get.get(n) ?? [];
          if (got.length > 0) set('MQ_GET_QUEUES', list(got));
        } else if (s.kind.external) {
          set(`${T}_URL`, ctx.env.ref(s.id, 'URL', { comment: `Connection URL of ${s.id} (external: not started by this stack)`, example: 'tcp://legacy.example.invalid:1414' }));
        }
        break;
      }
      case 'sql': {
        if (s.kind.id === 'postgres') {
          const cr = pgCreds(ctx, s).app;
          set(`${T}_URL`, `postgresql://${cr.user}:${cr.password}@${s.id}:5432/${composeLiteral(str(s.props, 'database') || 'app')}`);
        } else if (s.kind.id === 'mysql') {
          const cr = mysqlCreds(ctx, s).app;
          set(`${T}_URL`, `mysql://${cr.user}:${cr.password}@${s.id}:3306/${composeLiteral(str(s.props, 'database') || 'app')}`);
        } else if (s.kind.id === 'clickhouse') {
          const cr = clickhouseCreds(ctx, s);
          set(`${T}_URL`, `clickhouse://${cr.user}:${cr.password}@${s.id}:9000/${composeLiteral(str(s.props, 'database') || 'analytics')}`);
        } else if (s.kind.id === 'snowflake') {
          set(`${T}_ACCOUNT`, ctx.env.ref(s.id, 'ACCOUNT', { comment: `Snowflake account of ${s.id} (external)`, example: str(s.props, 'account') || 'xy12345.eu-west-1' }));
          set(`${T}_USER`, ctx.env.ref(s.id, 'USER', { comment: `Snowflake user for ${s.id}`, example: 'loader' }));
          set(`${T}_PASSWORD`, ctx.env.ref(s.id, 'PASSWORD', { comment: `Snowflake password (or key pair passphrase) for ${s.id}`, secret: true }));
          set(`${T}_WAREHOUSE`, composeLiteral(str(s.props, 'warehouse')));
          set(`${T}_DATABASE`, composeLiteral(str(s.props, 'database')));
        } else if (s.kind.external) {
          set(`${T}_URL`, ctx.env.ref(s.id, 'URL', { comment: `Database URL of ${s.id} (external: not started by this stack)`, example: 'jdbc:db2://legacy.example.invalid:50000/DB' }));
          set(`${T}_PASSWORD`, ctx.env.ref(s.id, 'PASSWORD', { comment: `Password for ${s.id}`, secret: true }));
        }
        break;
      }
      case 'mongodb': {
        if (s.kind.id !== 'mongodb') break;
        const cr = mongoCreds(ctx, s);
        set(`${T}_URL`, `mongodb://${cr.user}:${cr.password}@${s.id}:27017/${composeLiteral(str(s.props, 'database') || 'app')}?authSource=admin`);
        break;
      }
      case 'redis':
        if (s.kind.id === 'redis') set(`${T}_URL`, `redis://:${redisPassword(ctx, s)}@${s.id}:6379/0`);
        break;
      case 's3': {
        if (s.kind.id !== 'object-storage') break;
        const cr = minioCreds(ctx, s);
        set(`${T}_ENDPOINT`, `http://${s.id}:9000`);
        set(`${T}_ACCESS_KEY`, cr.user);
        set(`${T}_SECRET_KEY`, cr.password);
        const bucket = str(e.props, 'bucket') || `${(e.from.kind.id === 'object-storage' ? e.to : e.from).id}-data`;
        set(`${T}_BUCKET`, composeLiteral(bucket));
        if (str(e.props, 'prefix')) set(`${T}_PREFIX`, composeLiteral(str(e.props, 'prefix')));
        break;
      }
      case 'sftp': {
        if (s.kind.id === 'sftp-server') {
          const cr = sftpCreds(ctx, s);
          set(`${T}_HOST`, s.id);
          set(`${T}_PORT`, '22');
          set(`${T}_USER`, cr.user);
          set(`${T}_PASSWORD`, cr.password);
        } else if (s.kind.external) {
          set(`${T}_URL`, ctx.env.ref(s.id, 'SFTP_URL', { comment: `SFTP address of ${s.id} (external)`, example: 'sftp://legacy.example.invalid:22' }));
          set(`${T}_PASSWORD`, ctx.env.ref(s.id, 'SFTP_PASSWORD', { comment: `SFTP password for ${s.id}`, secret: true }));
        }
        set(`${T}_PATH`, composeLiteral(str(e.props, 'path') || '/upload'));
        set(`${T}_SCHEDULE`, composeLiteral(str(e.props, 'schedule')));
        break;
      }
      case 'otlp':
        if (!s.kind.external) {
          set('OTEL_EXPORTER_OTLP_ENDPOINT', `http://${s.id}:4317`);
          set('OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc');
          set('OTEL_SERVICE_NAME', n.id);
          set('OTEL_SIGNALS', str(e.props, 'signals') || 'traces');
        }
        break;
      default:
        break;
    }
  }
  return env;
}

/** Timeouts and retries a caller was given on its connections, for the README. */
export function resilienceOf(ctx: StackContext, n: RNode): string[] {
  const out: string[] = [];
  for (const e of ctx.edgesFrom(n)) {
    const t = num(e.props, 'timeoutMs');
    const r = num(e.props, 'retries');
    if (t > 0 || r > 0 || e.props.circuitBreaker === true) out.push(e.id);
  }
  return out;
}

export function mergeEnv(spec: ServiceSpec, env: Record<string, string>): void {
  for (const [k, v] of Object.entries(env)) if (!(k in spec.environment)) spec.environment[k] = v;
}
