import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { importComposeModel } from '../../generators/interop/compose';
import { importMermaidModel } from '../../generators/interop/mermaid';
import type { Diagnostic, Topology } from '../../shared/model/types';
import { validate } from '../../shared/validation';
import { generateBundle } from '../../generators/bundle';

/**
 * Real compose files and Mermaid diagrams nobody here wrote (../shared/fixtures/realworld/, sources
 * in its SOURCES.md), imported as a user would. The tables below are the ground truth: for each
 * service, the kind a reader of the file would choose from the catalog (or the service it is a
 * helper of), written by reading the file, not the importer's output. Products the catalog has no
 * kind for are given their closest kind, as the importer's TF603 note says (InfluxDB → ClickHouse,
 * Kibana → Grafana, Logstash → OTel Collector, Zipkin → Jaeger, Caddy → NGINX, Temporal → gRPC
 * service, Spring Cloud Gateway → Kong). A Connect worker is Kafka Connect since the catalog has it; one
 * running the Debezium image stays Debezium.
 *
 * The test prints, for every file, what the import got wrong and what validation still reports on
 * the imported design (the validation work uses that list).
 */

const ROOT = resolve(__dirname, '../..');
const DIR = join(ROOT, '..', 'shared', 'fixtures', 'realworld');

/** A kind id, or `{ fold: service }` for a helper that belongs to another service. */
type Truth = string | { fold: string };
const fold = (service: string): Truth => ({ fold: service });

const COMPOSE: Record<string, Record<string, Truth>> = {
  'Kong__docker-kong__compose__docker-compose.yml': {
    // Both migration jobs run the Kong image once against the database: part of Kong.
    'kong-migrations': fold('kong'),
    'kong-migrations-up': fold('kong'),
    kong: 'kong',
    db: 'postgres',
  },
  'Nilhcem__home-monitoring-grafana__docker-compose.yml': {
    mosquitto: 'mqtt-broker',
    // A time-series database Grafana reads over HTTP; the closest store in the catalog.
    influxdb: 'clickhouse',
    grafana: 'grafana',
    // Reads MQTT, writes InfluxDB.
    mqttbridge: 'worker',
  },
  'amoyavt__POC_MQTT__docker-compose.yml': {
    'certgen-api': 'rest-service',
    'mqtt-broker': 'mqtt-broker',
    // "FACES2 Device Simulator": publishes sensor data over MQTT.
    'faces2-controllers': 'iot-device',
    // Kafka's coordinator; the catalog's Kafka is the whole cluster (KRaft).
    zookeeper: fold('kafka'),
    kafka: 'kafka',
    'mqtt-kafka-connector': 'worker',
    redis: 'redis',
    timescaledb: 'postgres',
    'stream-processor': 'worker',
    'kafka-timescale-sink': 'worker',
  },
  'apache__flink-playgrounds__operations-playground__docker-compose.yaml': {
    // Submits the job to the job manager once.
    client: fold('jobmanager'),
    'clickevent-generator': 'worker',
    jobmanager: 'flink',
    taskmanager: fold('jobmanager'),
    kafka: 'kafka',
  },
  'debezium__debezium-examples__tutorial__docker-compose-postgres.yaml': {
    kafka: 'kafka',
    postgres: 'postgres',
    connect: 'debezium',
  },
  'deviantony__docker-elk__docker-compose.yml': {
    // One-off jobs: users and roles in Elasticsearch, encryption keys for Kibana.
    setup: fold('elasticsearch'),
    'kibana-genkeys': fold('kibana'),
    elasticsearch: 'elasticsearch',
    logstash: 'otel-collector',
    kibana: 'grafana',
  },
  'envoyproxy__examples__front-proxy__docker-compose.yaml': {
    'front-envoy': 'envoy',
    'service-envoy-1': 'envoy',
    service1: 'rest-service',
    'service-envoy-2': 'envoy',
    service2: 'rest-service',
  },
  'hashicorp__hello-vault-go__sample-app__docker-compose.yaml': {
    app: 'rest-service',
    'vault-server': 'vault',
    // Fetches a secret id from Vault and hands it to the app through a volume.
    'trusted-orchestrator': 'worker',
    database: 'postgres',
    // Runs NGINX (its comment says it stands in for a third-party API; the image decides here).
    'secure-service': 'nginx',
    // Waits for the app to be healthy, then exits.
    'app-healthy': fold('app'),
  },
  'jaegertracing__jaeger__examples__hotrod__docker-compose.yml': {
    jaeger: 'jaeger',
    hotrod: 'rest-service',
  },
  'keycloak__keycloak-containers__docker-compose-examples__keycloak-postgres.yml': {
    postgres: 'postgres',
    keycloak: 'keycloak',
  },
  'minio__minio__docs__orchestration__docker-compose__docker-compose.yaml': {
    minio1: 'object-storage',
    minio2: 'object-storage',
    minio3: 'object-storage',
    minio4: 'object-storage',
    nginx: 'nginx',
  },
  'nats-io__nats-surveyor__docker-compose__docker-compose.yml': {
    // A Prometheus exporter for NATS servers outside the file: part of the monitoring, like node exporter.
    surveyor: fold('prometheus'),
    prometheus: 'prometheus',
    grafana: 'grafana',
  },
  'redpanda-data__redpanda-labs__docker-compose__cdc__postgres-json__docker-compose.yml': {
    postgres: 'postgres',
    redpanda: 'kafka',
    debezium: 'debezium',
  },
  'spring-petclinic__spring-petclinic-microservices__docker-compose.yml': {
    'config-server': 'rest-service',
    'discovery-server': 'rest-service',
    'customers-service': 'rest-service',
    'visits-service': 'rest-service',
    'vets-service': 'rest-service',
    'genai-service': 'rest-service',
    'api-gateway': 'kong',
    'tracing-server': 'jaeger',
    // Spring Boot Admin: a web UI.
    'admin-server': 'web-app',
    'grafana-server': 'grafana',
    'prometheus-server': 'prometheus',
  },
  'stefanprodan__dockprom__docker-compose.yml': {
    prometheus: 'prometheus',
    alertmanager: fold('prometheus'),
    nodeexporter: fold('prometheus'),
    cadvisor: fold('prometheus'),
    grafana: 'grafana',
    pushgateway: fold('prometheus'),
    // The reverse proxy in front of Prometheus, Alertmanager and Grafana.
    caddy: 'nginx',
  },
  'temporalio__docker-compose__docker-compose.yml': {
    elasticsearch: 'elasticsearch',
    postgresql: 'postgres',
    temporal: 'grpc-service',
    // An interactive container with the admin CLI.
    'temporal-admin-tools': fold('temporal'),
    'temporal-ui': 'web-app',
  },
};

/** Nodes (ref → kind, `?` where no kind fits and the importer must say so) and the number of edges. */
const MERMAID: Record<string, { kinds: Record<string, string>; edges: number }> = {
  'amoyavt__POC_MQTT__README.md__block1.mmd': {
    kinds: {
      'ca-api': 'rest-service',
      faces2: 'iot-device',
      'mqtt-broker': 'mqtt-broker',
      'kafka-connector': 'worker',
      kafka: 'kafka',
      processor: 'worker',
      'timescaledb-sink': 'worker',
      postgresql: 'postgres',
      redis: 'redis',
      timescaledb: 'postgres',
    },
    edges: 10,
  },
  'jaegertracing__jaeger__README.md__block1.mmd': {
    kinds: { sdk: 'rest-service', collector: 'jaeger', store: '?', plugin: 'grpc-service', query: 'jaeger', ui: 'jaeger' },
    edges: 8,
  },
  'jaegertracing__jaeger__docker-compose__kafka__README.md__block1.mmd': {
    kinds: { c: 'jaeger', kafkabroker: 'kafka', i: 'jaeger', s: 'jaeger', ui: 'jaeger', memstore: '?' },
    edges: 5,
  },
  'openmeterio__openmeter__docs__architecture.md__block1.mmd': {
    kinds: {
      producers: 'rest-service',
      operators: 'web-app',
      webhookconsumers: 'rest-service',
      api: 'rest-service',
      sink: 'worker',
      balance: 'worker',
      billing: 'worker',
      notifications: 'worker',
      jobs: 'batch-job',
      kafka: 'kafka',
      redis: 'redis',
      clickhouse: 'clickhouse',
      postgres: 'postgres',
      // Webhook delivery as a service.
      svix: 'saas-app',
    },
    edges: 26,
  },
};

function fixtures(sub: string): string[] {
  const dir = join(DIR, sub);
  if (!existsSync(dir)) throw new Error(`${dir} is missing: the real-world fixtures live in ../shared beside the repository.`);
  return readdirSync(dir).filter((f) => /\.(ya?ml|mmd)$/.test(f)).sort();
}

/** What validation still says about an imported design, one line per finding. */
function findings(doc: Topology): string[] {
  return validate(doc)
    .filter((d) => d.severity !== 'info')
    .map((d) => `    ${d.severity} ${d.code} ${d.message.length > 200 ? `${d.message.slice(0, 199)}…` : d.message}`);
}

const undecided = (diagnostics: Diagnostic[], id: string) => diagnostics.some((d) => d.code === 'TF602' && d.nodes.includes(id));

describe('importing real docker-compose files', () => {
  const files = fixtures('compose');
  const report: string[] = [];
  let total = 0;
  let right = 0;
  const wrongUnlisted: string[] = [];

  it('has a truth table for every compose fixture', () => {
    expect(files.sort()).toEqual(Object.keys(COMPOSE).sort());
  });

  for (const file of files) {
    it(`keeps every service of ${file}, as a component or folded into the one it serves`, () => {
      const text = readFileSync(join(DIR, 'compose', file), 'utf8');
      const truth = COMPOSE[file]!;
      const services = Object.keys((parse(text) as { services: Record<string, unknown> }).services);
      expect(services.sort(), 'the table lists every service').toEqual(Object.keys(truth).sort());
      const { doc, diagnostics } = importComposeModel(text);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const folded = new Map<string, string>();
      for (const d of diagnostics.filter((x) => x.code === 'TF604')) {
        const m = /^Service `([^`]+)` .*serves `([^`]+)`/.exec(d.message);
        if (m) folded.set(m[1]!, m[2]!);
      }
      const lines: string[] = [];
      for (const s of services) {
        const node = doc.nodes.find((n) => n.label === s || n.id === s);
        // Every service is there: a component, or part of one.
        expect(node !== undefined || folded.has(s), `${s} is imported`).toBe(true);
        const want = truth[s]!;
        const got = node ? node.kind : `part of ${folded.get(s)}`;
        const ok = typeof want === 'string' ? node?.kind === want : folded.get(s) === want.fold;
        total++;
        if (ok) right++;
        else {
          const listed = node !== undefined && undecided(diagnostics, node.id);
          if (!listed) wrongUnlisted.push(`${file}: ${s}`);
          lines.push(`    ${s}: ${got}, a reader would say ${typeof want === 'string' ? want : `part of ${want.fold}`}${listed ? ' (listed as undecided)' : ' (NOT listed)'}`);
        }
      }
      report.push(`${file}: ${doc.nodes.length} components, ${doc.edges.length} connections`, ...lines, '  validation:', ...findings(doc));
      // A design that validates with no error generates without --force.
      expect(validate(doc).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(generateBundle(doc).map((f) => f.path)).toContain('docker-compose.yml');
    });
  }

  it('types at least 90% of the services as a reader would, and lists every other one as undecided', () => {
    console.log(`Compose import: ${right}/${total} services as a reader would type them (${((100 * right) / total).toFixed(1)}%)\n${report.join('\n')}`);
    expect(total).toBeGreaterThan(70);
    expect(right / total).toBeGreaterThanOrEqual(0.9);
    expect(wrongUnlisted).toEqual([]);
  });
});

describe('importing real Mermaid diagrams', () => {
  const files = fixtures('mermaid');
  const report: string[] = [];

  it('has a truth table for every diagram', () => {
    expect(files.sort()).toEqual(Object.keys(MERMAID).sort());
  });

  for (const file of files) {
    it(`imports every node and edge of ${file}`, () => {
      const text = readFileSync(join(DIR, 'mermaid', file), 'utf8');
      const truth = MERMAID[file]!;
      const { doc, diagnostics } = importMermaidModel(text);
      expect(diagnostics.filter((d) => d.severity === 'error' || d.code === 'TF612')).toEqual([]);
      expect(doc.nodes.map((n) => n.id).sort()).toEqual(Object.keys(truth.kinds).sort());
      expect(doc.edges).toHaveLength(truth.edges);
      const wrong: string[] = [];
      for (const n of doc.nodes) {
        const want = truth.kinds[n.id]!;
        // Where no kind fits, the user must be told.
        if (want === '?') expect(undecided(diagnostics, n.id), `${n.id} is listed as undecided`).toBe(true);
        else if (n.kind !== want) wrong.push(`    ${n.id} (${n.label}): ${n.kind}, a reader would say ${want}${undecided(diagnostics, n.id) ? ' (listed as undecided)' : ''}`);
      }
      report.push(`${file}: ${doc.nodes.length} components, ${doc.edges.length} connections`, ...wrong, '  validation:', ...findings(doc));
      expect(validate(doc).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(generateBundle(doc).map((f) => f.path)).toContain('docker-compose.yml');
    });
  }

  it('prints what validation still says about the imported diagrams', () => {
    console.log(`Mermaid import:\n${report.join('\n')}`);
    expect(report.length).toBeGreaterThan(0);
  });
});
