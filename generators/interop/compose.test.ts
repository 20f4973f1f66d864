import { describe, expect, it } from 'vitest';
import { validate } from '../../shared/validation';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { getKind } from '../../shared/catalog';
import { importCompose, importComposeModel } from './compose';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real-world Confluent file: from ../shared beside the repo (as CI has it), else the copy in test/fixtures. */
function confluentFixture(): string {
  const shared = join(ROOT, '..', 'shared', 'fixtures', 'compose', 'cp-all-in-one-community.yml');
  return readFileSync(existsSync(shared) ? shared : join(ROOT, 'test', 'fixtures', 'compose', 'cp-all-in-one-community.yml'), 'utf8');
}

const edgeSet = (doc: { edges: Array<{ from: string; to: string; protocol?: string }> }) => doc.edges.map((e) => `${e.from} -> ${e.to} ${e.protocol ?? '(none)'}`);

describe('importCompose: Confluent cp-all-in-one-community', () => {
  it('imports every service as the closest catalog kind, folding ZooKeeper and the ksqlDB CLI into what they serve', async () => {
    const text = confluentFixture();
    const { doc, diagnostics } = await importCompose(text);
    expect(Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]))).toEqual({
      broker: 'kafka',
      'schema-registry': 'schema-registry',
      // A generic Connect image (with the Datagen connector): Kafka Connect, no longer its closest kind.
      connect: 'kafka-connect',
      'ksqldb-server': 'flink',
      'ksql-datagen': 'worker',
      'rest-proxy': 'rest-service',
    });
    const folded = diagnostics.filter((d) => d.code === 'TF604').map((d) => d.message);
    expect(folded).toHaveLength(2);
    expect(folded[0]).toMatch(/`zookeeper` \(ZooKeeper\) serves `broker`/);
    expect(folded[1]).toMatch(/`ksqldb-cli` \(ksqlDB CLI\) serves `ksqldb-server`/);
    // Every service is a component or part of one.
    const services = Object.keys((parse(text) as { services: Record<string, unknown> }).services);
    expect(services.filter((s) => !doc.nodes.some((n) => n.id === s) && !folded.some((m) => m.includes(`\`${s}\``)))).toEqual([]);
    for (const n of doc.nodes) expect(n.label).toBe(n.id);
    // A generic service keeps its image; a published port that differs from the default is kept too.
    expect(doc.nodes.find((n) => n.id === 'rest-proxy')!.props).toMatchObject({ image: 'confluentinc/cp-kafka-rest:7.3.14', port: 8082 });
    for (const n of doc.nodes) expect(doc.layout[n.id]).toBeDefined();
    // The user is told which products were imported as the closest kind.
    const closest = diagnostics.filter((d) => d.code === 'TF603').flatMap((d) => d.nodes);
    expect(closest.sort()).toEqual(['ksqldb-server', 'rest-proxy']);
    for (const d of diagnostics) {
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.hint.length).toBeGreaterThan(5);
    }
  });

  it('draws every dependency as a connection the way data flows, or says why not', async () => {
    const text = confluentFixture();
    const { doc, diagnostics } = await importCompose(text);
    const services = (parse(text) as { services: Record<string, { depends_on?: string[] }> }).services;
    const main = (s: string) => (s === 'zookeeper' ? 'broker' : s === 'ksqldb-cli' ? 'ksqldb-server' : s);
    for (const [name, s] of Object.entries(services)) {
      for (const dep of s.depends_on ?? []) {
        const [a, b] = [main(name), main(dep)];
        if (a === b || name === 'ksqldb-cli') continue;
        const found = doc.edges.some((e) => (e.from === a && e.to === b) || (e.from === b && e.to === a));
        const told = diagnostics.some((d) => d.code === 'TF607' && d.nodes.includes(a) && d.nodes.includes(b));
        expect(found || told, `${name} depends on ${dep}`).toBe(true);
      }
    }
    const edges = edgeSet(doc);
    expect(edges).toContain('schema-registry -> broker kafka');
    // A Connect worker whose connectors the file does not show is read as reading from Kafka (the sink case).
    expect(edges).toContain('broker -> connect kafka');
    expect(edges).toContain('broker -> ksqldb-server kafka');
    expect(edges).toContain('rest-proxy -> broker kafka');
    expect(edges).toContain('rest-proxy -> schema-registry http');
    expect(edges).toContain('ksql-datagen -> broker kafka');
    // Kafka Connect serves its REST API and calls the schema registry: both connections are ones the catalog allows now.
    expect(edges).toContain('connect -> schema-registry http');
    expect(edges).toContain('ksqldb-server -> connect http');
    const flagged = diagnostics.filter((d) => d.code === 'TF605').flatMap((d) => d.edges);
    expect(flagged).toEqual([]);
    for (const e of doc.edges) {
      if (flagged.includes(`${e.from}->${e.to}`)) continue;
      const a = getKind(doc.nodes.find((n) => n.id === e.from)!.kind)!;
      const b = getKind(doc.nodes.find((n) => n.id === e.to)!.kind)!;
      expect(b.accepts.includes(e.protocol!) || ['metrics', 'otlp'].includes(e.protocol!), `${e.from}->${e.to}`).toBe(true);
      expect(a.emits.includes(e.protocol!) || ['metrics', 'otlp'].includes(e.protocol!), `${e.from}->${e.to}`).toBe(true);
    }
  });
});

describe('importCompose: compose forms and inference', () => {
  it('reads list and map forms of depends_on, environment and networks, links and JDBC/DSN/URL values', () => {
    const text = `
services:
  api:
    image: ghcr.io/acme/api:1.2
    ports: ["8080:8080"]
    networks: [default, backend]
    environment:
      - DATABASE_URL=jdbc:postgresql://db:5432/app
      - REDIS_URL=redis://:secret@cache:6379/0
      - BROKER=amqp://user:pw@mq:5672/
    depends_on:
      db:
        condition: service_healthy
  worker:
    image: ghcr.io/acme/worker:1.2
    environment:
      KAFKA_BOOTSTRAP_SERVERS: PLAINTEXT://kafka:29092
      MONGO_DSN: mongodb://docs:27017
    links: ["search:es"]
    networks:
      backend: {}
  db:
    image: postgis/postgis:16-3.4
    ports: ["5433:5432"]
    networks: [backend]
  cache: { image: "redis:7" }
  mq: { image: "rabbitmq:3-management" }
  kafka: { image: "bitnami/kafka:3.7" }
  docs: { image: "mongo:7" }
  search: { image: "opensearchproject/opensearch:2" }
  otel:
    image: otel/opentelemetry-collector-contrib:0.100.0
  traced:
    image: ghcr.io/acme/traced:1
    environment: { OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel:4317" }
networks:
  backend: {}
`;
    const { doc } = importComposeModel(text);
    const kinds = Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]));
    expect(kinds).toMatchObject({ api: 'rest-service', worker: 'worker', db: 'postgres', cache: 'redis', mq: 'rabbitmq', kafka: 'kafka', docs: 'mongodb', search: 'elasticsearch', otel: 'otel-collector' });
    expect(doc.nodes.find((n) => n.id === 'db')!.props).toEqual({ port: 5433 });
    expect(doc.nodes.find((n) => n.id === 'api')!.props).toEqual({ image: 'ghcr.io/acme/api:1.2' });
    expect(edgeSet(doc).sort()).toEqual(
      [
        'api -> db sql',
        'api -> cache redis',
        'api -> mq amqp',
        'kafka -> worker kafka',
        'worker -> docs mongodb',
        'worker -> search http',
        'traced -> otel otlp',
      ].sort(),
    );
    expect(doc.groups).toEqual([{ id: 'backend', label: 'backend', kind: 'network' }]);
    expect(doc.nodes.filter((n) => n.group === 'backend').map((n) => n.id).sort()).toEqual(['api', 'db', 'worker']);
  });

  it('uses topoforge labels and folds helpers into their component', () => {
    const text = `
services:
  orders:
    image: nginx:1.27-alpine
    labels: { topoforge.node: orders, topoforge.kind: rest-service, topoforge.label: "Orders API" }
    environment: { TOPICS_PRODUCE: orders.events, KAFKA_BOOTSTRAP_SERVERS: "bus:19092" }
    depends_on: [bus, bus-init]
  bus:
    image: apache/kafka:3.8.1
  bus-init:
    image: apache/kafka:3.8.1
    restart: "no"
    depends_on: [bus]
  bus-exporter:
    image: danielqsj/kafka-exporter:v1.8.0
    environment: { KAFKA_SERVER: "bus:19092" }
  prom:
    image: prom/prometheus:v2.55.1
    depends_on: [bus-exporter]
`;
    const { doc, diagnostics } = importComposeModel(text);
    expect(doc.nodes.map((n) => [n.id, n.kind, n.label])).toEqual([
      ['orders', 'rest-service', 'Orders API'],
      ['bus', 'kafka', 'bus'],
      ['prom', 'prometheus', 'prom'],
    ]);
    expect(edgeSet(doc)).toEqual(['orders -> bus kafka', 'bus -> prom metrics']);
    expect(diagnostics.filter((d) => d.code === 'TF604')).toHaveLength(2);
  });

  it('types services it has no image rule for from what they do, and lists those it cannot decide', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  web: { image: "ghcr.io/acme/site:2", ports: ["3000"] }
  cron: { image: "ghcr.io/acme/cron:2" }
  orders-api: { build: ., ports: ["8081:8081"], environment: { EVENTS: "kafka:9092" } }
  billing: { build: ./billing, environment: { KAFKA_BOOTSTRAP_SERVERS: "kafka:9092" } }
  built: { build: . }
  kafka: { image: "apache/kafka:3.8.1" }
`);
    expect(doc.nodes.map((n) => [n.id, n.kind, n.props.image ?? '', n.props.port ?? ''])).toEqual([
      ['web', 'web-app', 'ghcr.io/acme/site:2', ''],
      ['cron', 'batch-job', 'ghcr.io/acme/cron:2', ''],
      ['orders-api', 'rest-service', '', 8081],
      ['billing', 'worker', '', ''],
      ['built', 'worker', '', ''],
      ['kafka', 'kafka', '', ''],
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.nodes[0]])).toEqual([['TF602', 'warning', 'built']]);
    expect(diagnostics[0]!.message).toMatch(/undecided/);
  });

  it('reads images written with variables, YAML merge keys and extends within the file', () => {
    const { doc, diagnostics } = importComposeModel(`
x-db: &db
  image: "\${PG_IMAGE:-postgres:16}"
  environment: { POSTGRES_PASSWORD: secret }
services:
  orders-db: { <<: *db }
  cache: { image: "\${CACHE_IMAGE}", ports: ["\${CACHE_PORT}"] }
  base: { image: "ghcr.io/acme/base:1", environment: { KAFKA_BOOTSTRAP_SERVERS: "bus:9092", TOPICS_PRODUCE: orders } }
  orders: { extends: base, ports: ["8080"] }
  billing: { extends: { service: base }, environment: { TOPICS_PRODUCE: "", TOPICS_CONSUME: orders } }
  remote: { extends: { file: common.yml, service: web } }
  bus: { image: "\${REGISTRY:-}apache/kafka:\${KAFKA_VERSION:-3.8.1}" }
`);
    const kinds = Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]));
    // A default is taken; a whole variable with no default is read by its name (CACHE_IMAGE → a cache).
    expect(kinds).toMatchObject({ 'orders-db': 'postgres', cache: 'redis', bus: 'kafka' });
    // extends merges the environment: orders inherits its producer settings, billing overrides them.
    expect(edgeSet(doc)).toEqual(expect.arrayContaining(['orders -> bus kafka', 'bus -> billing kafka']));
    expect(edgeSet(doc)).not.toContain('billing -> bus kafka');
    // A file that cannot be read is listed, not fatal.
    expect(diagnostics.find((d) => d.code === 'TF609')!.message).toMatch(/`remote` extends a service of `common\.yml`/);
    expect(doc.nodes.some((n) => n.id === 'remote')).toBe(true);
  });

  it('takes the kind from names, settings, commands, health checks and how the others address a service', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  kafka: { build: ./kafka, environment: { KAFKA_NODE_ID: "1", KAFKA_PROCESS_ROLES: "broker,controller" } }
  mqtt-broker: { build: ./broker, ports: ["8883:8883"] }
  sensors: { build: ./sim, environment: { MQTT_BROKER_HOST: mqtt-broker, PUBLISH_INTERVAL: "5" } }
  store: { build: ./db, healthcheck: { test: ["CMD-SHELL", "pg_isready"] } }
  api: { build: ./api, ports: ["3001:3000"], environment: { DATABASE_URL: "postgresql://u:p@store:5432/app", CACHE_ADDR: "" } }
  cache: { build: ./cache }
  mqtt-kafka-bridge: { build: ./bridge, environment: { MQTT_HOST: mqtt-broker, KAFKA_BOOTSTRAP_SERVERS: "kafka:9092" } }
  secrets: { build: ./vault, environment: { VAULT_DEV_ROOT_TOKEN_ID: root } }
  ui: { build: ./web, ports: ["80"], depends_on: [api] }
`);
    expect(Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]))).toEqual({
      kafka: 'kafka',
      'mqtt-broker': 'mqtt-broker',
      sensors: 'iot-device',
      store: 'postgres',
      api: 'rest-service',
      cache: 'redis',
      'mqtt-kafka-bridge': 'worker',
      secrets: 'vault',
      ui: 'web-app',
    });
    expect(diagnostics.filter((d) => d.code === 'TF602' || d.code === 'TF603')).toEqual([]);
    // The container port is what it listens on; the host port is only where it is published.
    expect(doc.nodes.find((n) => n.id === 'api')!.props.port).toBe(3000);
    expect(edgeSet(doc).sort()).toEqual(
      [
        'sensors -> mqtt-broker mqtt',
        'api -> store sql',
        'api -> cache redis',
        // A bridge reads from the broker named first and writes to the other.
        'mqtt-broker -> mqtt-kafka-bridge mqtt',
        'mqtt-kafka-bridge -> kafka kafka',
        'ui -> api http',
      ].sort(),
    );
  });

  it('gives a connection the protocol the file shows or the catalog says, never Kafka between two services', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  web: { build: ., ports: ["8080"], environment: { BILLING_URL: "http://billing:8080", RATES_ADDR: "grpc://rates:50051" }, depends_on: [billing, rates, jobs] }
  billing: { build: ., ports: ["8080"] }
  rates: { build: ., expose: ["50051"] }
  jobs: { build: ./jobs, environment: { KAFKA_BOOTSTRAP_SERVERS: "kafka:9092" } }
  kafka: { image: "apache/kafka:3.8.1" }
  keycloak: { image: "quay.io/keycloak/keycloak:25.0", environment: { KC_DB_URL: "jdbc:postgresql://kcdb/keycloak" } }
  kcdb: { image: "postgres:16" }
`);
    const edges = edgeSet(doc);
    expect(edges).toContain('web -> billing http');
    expect(edges).toContain('web -> rates grpc');
    expect(doc.nodes.find((n) => n.id === 'rates')!.kind).toBe('grpc-service');
    // Waiting for a worker to start is not sending it anything.
    expect(edges.filter((e) => e.startsWith('web -> jobs'))).toEqual([]);
    expect(diagnostics.find((d) => d.code === 'TF607')!.nodes).toEqual(['web', 'jobs']);
    expect(edges).toContain('kafka -> jobs kafka');
    expect(edges.filter((e) => e.endsWith(' kafka')).every((e) => e.includes('kafka ->') || e.includes('-> kafka'))).toBe(true);
    // The file says SQL, and Keycloak keeps its data in a database: drawn, nothing to flag.
    expect(edges).toContain('keycloak -> kcdb sql');
    expect(diagnostics.filter((d) => d.code === 'TF605')).toEqual([]);
  });

  it('lets a product imported as its closest kind speak its own protocol (Logstash and Kibana to Elasticsearch over HTTP)', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  elasticsearch: { image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.0" }
  logstash: { image: "docker.elastic.co/logstash/logstash:8.15.0", depends_on: [elasticsearch] }
  kibana: { image: "docker.elastic.co/kibana/kibana:8.15.0", depends_on: [elasticsearch] }
`);
    expect(Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]))).toEqual({ elasticsearch: 'elasticsearch', logstash: 'otel-collector', kibana: 'grafana' });
    expect(edgeSet(doc).sort()).toEqual(['kibana -> elasticsearch http', 'logstash -> elasticsearch http']);
    expect(diagnostics.filter((d) => d.code === 'TF603').map((d) => d.nodes[0])).toEqual(['logstash', 'kibana']);
  });

  it('folds helpers into the service they serve, and says which', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  zookeeper: { image: "confluentinc/cp-zookeeper:7.6.0" }
  broker: { image: "confluentinc/cp-kafka:7.6.0", environment: { KAFKA_ZOOKEEPER_CONNECT: "zookeeper:2181" } }
  broker-init: { image: "confluentinc/cp-kafka:7.6.0", restart: "no", command: "kafka-topics --create --topic orders --bootstrap-server broker:9092" }
  es: { image: "elasticsearch:8.15.0" }
  setup: { build: ./setup, network_mode: "service:es", profiles: [setup] }
  app: { build: ., ports: ["8080"] }
  app-healthy: { image: alpine, command: echo ok, depends_on: [app] }
  prometheus: { image: prom/prometheus }
  node-exporter: { image: prom/node-exporter }
  temporal: { image: temporalio/auto-setup }
  temporal-admin-tools: { image: temporalio/admin-tools, stdin_open: true, tty: true, depends_on: [temporal] }
`);
    expect(doc.nodes.map((n) => n.id)).toEqual(['broker', 'es', 'app', 'prometheus', 'temporal']);
    const folded = diagnostics.filter((d) => d.code === 'TF604').map((d) => /`([^`]+)`.*serves `([^`]+)`/.exec(d.message)!.slice(1).join(' -> '));
    expect(folded.sort()).toEqual(['app-healthy -> app', 'broker-init -> broker', 'node-exporter -> prometheus', 'setup -> es', 'temporal-admin-tools -> temporal', 'zookeeper -> broker'].sort());
    // Profiles other than a helper's are kept, with a note.
    expect(diagnostics.some((d) => d.code === 'TF613')).toBe(false);
  });

  it('draws what a reader would from indirect evidence, and says so: a reverse proxy, the only source of a dashboard', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  prometheus: { image: prom/prometheus, expose: ["9090"] }
  grafana: { image: grafana/grafana, expose: ["3000"] }
  caddy: { image: caddy:2.10.0, ports: ["3000:3000", "9090:9090"] }
`);
    expect(edgeSet(doc).sort()).toEqual(['caddy -> grafana http', 'caddy -> prometheus http', 'prometheus -> grafana metrics']);
    expect(diagnostics.filter((d) => d.code === 'TF614')).toHaveLength(3);
  });

  it('tells a service you build from the database it uses: its POSTGRES_DB, a shared secret (awesome-compose)', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  backend:
    build: backend
    ports: ["8080:8080"]
    environment: [POSTGRES_DB=example]
    secrets: [db-password]
  db:
    image: postgres
    secrets: [{ source: db-password }]
    environment: [POSTGRES_DB=example, POSTGRES_PASSWORD_FILE=/run/secrets/db-password]
secrets:
  db-password: { file: db/password.txt }
`);
    // POSTGRES_DB in a built service names the database it uses: it is not a second PostgreSQL.
    expect(doc.nodes.map((n) => `${n.id} ${n.kind}`)).toEqual(['backend rest-service', 'db postgres']);
    expect(edgeSet(doc)).toEqual(['backend -> db sql']);
    expect(diagnostics.find((d) => d.code === 'TF614')?.message).toMatch(/both are given the secret `db-password`/);
    // Without a shared secret, the database both name says it.
    const named = importComposeModel(`
services:
  api: { build: ., ports: ["8080:8080"], environment: { MYSQL_DATABASE: shop } }
  db: { image: mariadb:11, environment: { MYSQL_DATABASE: shop } }
  cache: { image: redis:7 }
`);
    expect(edgeSet(named.doc)).toEqual(['api -> db sql']);
    expect(named.diagnostics.find((d) => d.code === 'TF614')?.message).toMatch(/both name the database `shop`/);
  });

  it('imports the debezium-examples files without a false error: workers named after their sink, init jobs, stores it cannot express', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  kafka: { image: quay.io/debezium/kafka:2.7 }
  elastic: { image: docker.elastic.co/elasticsearch/elasticsearch:7.3.0 }
  registry: { image: confluentinc/cp-schema-registry:7.7.1 }
  mongodb1: { image: mongo:7.0, command: --replSet rs0 }
  mongodb-init:
    image: mongo:7.0
    command: mongosh --host mongodb1:27017 --eval "rs.initiate()"
    depends_on: [mongodb1]
  connect:
    image: debezium-examples/kstreams-live-update-connect-es:2.7
    build: { context: debezium-es }
    links: [kafka, elastic, mongodb1]
    environment:
      - BOOTSTRAP_SERVERS=kafka:9092
      - CONFIG_STORAGE_TOPIC=my_connect_configs
      - OFFSET_STORAGE_TOPIC=my_connect_offsets
      - CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL=http://registry:8081
  jaeger: { image: jaegertracing/all-in-one:1.60, environment: { SPAN_STORAGE_TYPE: cassandra, CASSANDRA_SERVERS: scylla } }
  scylla: { image: scylladb/scylla:6.0 }
`);
    const kind = (id: string) => doc.nodes.find((n) => n.id === id)?.kind;
    // 'connect-es' names the sink it writes to; its settings and its name say a Connect worker.
    expect(['debezium', 'kafka-connect']).toContain(kind('connect'));
    // mongosh against mongodb1 from mongo's own image: a job of that server, folded into it.
    expect(kind('mongodb-init')).toBeUndefined();
    expect(edgeSet(doc)).toEqual(expect.arrayContaining(['connect -> kafka kafka', 'connect -> elastic http', 'connect -> registry http']));
    // Jaeger on Cassandra (imported as its closest kind): said, not drawn as a connection validation would refuse.
    expect(edgeSet(doc).some((e) => e.startsWith('jaeger -> scylla'))).toBe(false);
    expect(diagnostics.some((d) => d.code === 'TF605' && /not drawn/.test(d.message))).toBe(true);
    expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('turns networks into zones and notes services that run only with a profile', () => {
    const { doc, diagnostics } = importComposeModel(`
services:
  api: { build: ., ports: ["8080"], networks: [front, back], depends_on: [db] }
  db: { image: "postgres:16", networks: [back], profiles: [database] }
networks: { front: {}, back: {} }
`);
    expect(doc.groups.map((g) => g.id).sort()).toEqual(['back', 'front']);
    expect(doc.nodes.map((n) => [n.id, n.group])).toEqual([
      ['api', 'front'],
      ['db', 'back'],
    ]);
    expect(diagnostics.find((d) => d.code === 'TF613')).toMatchObject({ severity: 'info', nodes: ['db'] });
    expect(diagnostics.find((d) => d.code === 'TF613')!.line).toBe(4);
  });

  it('sanitises service names into ids and keeps labels', () => {
    const { doc } = importComposeModel(`
services:
  My_Service.1: { image: "redis:7" }
  "2fa": { image: "ghcr.io/acme/2fa:1", depends_on: [My_Service.1] }
`);
    expect(doc.nodes.map((n) => [n.id, n.label])).toEqual([
      ['my-service-1', 'My_Service.1'],
      ['fa', '2fa'],
    ]);
    expect(edgeSet(doc)).toEqual(['fa -> my-service-1 redis']);
  });

  it('refuses what is not a compose file with a clear error, never a stack trace', () => {
    const cases: Array<[string, RegExp]> = [
      ['services: [unclosed', /not valid YAML/],
      ['just: a mapping\n', /no `services:` section/],
      ['', /no `services:` section/],
      ['a: &a [' + '[&b x]'.repeat(1) + ']\n' + Array.from({ length: 200 }, (_, i) => `k${i}: *a`).join('\n'), /aliases|services/],
      ['x: ' + '['.repeat(500) + ']'.repeat(500), /nested too deeply/],
    ];
    for (const [text, re] of cases) {
      const { doc, diagnostics } = importComposeModel(text);
      expect(doc.nodes).toEqual([]);
      expect(diagnostics[0]!.code).toBe('TF601');
      expect(diagnostics[0]!.severity).toBe('error');
      expect(diagnostics[0]!.message).toMatch(re);
    }
  });

  it('refuses an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    bomb.push('services: { x: { image: "redis:7", environment: { A: *l } } }');
    const { diagnostics } = importComposeModel(bomb.join('\n'));
    expect(diagnostics[0]).toMatchObject({ code: 'TF601', severity: 'error' });
    expect(diagnostics[0]!.message).toMatch(/aliases/);
  });

  it('never throws on odd values where compose expects others, and only makes well-formed designs', () => {
    const field = fc.oneof(fc.constantFrom('image', 'build', 'ports', 'expose', 'environment', 'depends_on', 'links', 'networks', 'labels', 'command', 'entrypoint', 'extends', 'profiles', 'healthcheck', 'network_mode', 'restart', 'hostname', 'container_name', 'tty'), fc.string());
    const value = fc.oneof(fc.anything(), fc.constantFrom('${X}', '${X:-kafka}', 'service:a', 'a', ['a', 'b'], { service: 'a' }, ['8080:80', '${P}', 'x:y:z'], { A: 'http://a:1', B_HOST: 'b' }));
    const services = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'kafka', 'db', 'a-init', 'zookeeper'), fc.oneof(fc.dictionary(field, value), fc.anything()));
    fc.assert(
      fc.property(services, (svc) => {
        const text = stringify({ services: svc });
        const { doc, diagnostics } = importComposeModel(text);
        const ids = new Set(doc.nodes.map((n) => n.id));
        for (const n of doc.nodes) expect(getKind(n.kind), n.kind).toBeDefined();
        for (const e of doc.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
        for (const d of diagnostics) expect(d.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('gives the same design for the same file', async () => {
    const text = confluentFixture();
    expect(await importCompose(text)).toEqual(await importCompose(text));
  });
});
