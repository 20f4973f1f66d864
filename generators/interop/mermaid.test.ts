import { describe, expect, it } from 'vitest';
import { validate } from '../../shared/validation';
import { defaultProtocol, getKind } from '../../shared/catalog';
import type { Topology } from '../../shared/model/types';
import { allKindsDesign, loadExamples } from '../../test/golden/fixtures';
import { generateMermaid } from '../mermaid';
import { decodeMermaidText, importMermaid, importMermaidModel } from './mermaid';
import { apiDesign, messagingDesign, pipelineDesign } from '../../test/fixtures/interop-designs';

/** The structure a Mermaid diagram carries: ids, kinds, labels, zones, edges with their protocols. */
function structure(doc: Topology) {
  const kind = (id: string) => getKind(doc.nodes.find((n) => n.id === id)!.kind)!;
  return {
    nodes: doc.nodes.map((n) => `${n.id} ${n.kind} ${JSON.stringify(n.label)} ${n.group ?? ''}`).sort(),
    groups: doc.groups.map((g) => `${g.id} ${JSON.stringify(g.label)}`).sort(),
    edges: doc.edges.map((e) => `${e.from} -> ${e.to} ${e.protocol ?? defaultProtocol(kind(e.from), kind(e.to)) ?? ''}`),
  };
}

describe('importMermaid: Topoforge round trip', () => {
  const designs: Array<[string, () => Topology]> = [
    ['messaging', messagingDesign],
    ['api', apiDesign],
    ['pipeline', pipelineDesign],
    ['all kinds', allKindsDesign],
    ...loadExamples().map((e) => [`example ${e.name}`, () => e.doc] as [string, () => Topology]),
  ];
  for (const [name, make] of designs) {
    it(`design → generateMermaid → importMermaid keeps ids, kinds, labels, zones and protocols: ${name}`, () => {
      const doc = make();
      const { doc: back, diagnostics } = importMermaidModel(generateMermaid(doc));
      expect(structure(back)).toEqual(structure(doc));
      expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(back.name).toBe(doc.name.replace(/[^\p{L}\p{N}\p{M} .,_-]/gu, ' ').replace(/\s+/g, ' ').trim());
    });
  }

  it('keeps topics, routes and labels named on connections', () => {
    const doc = messagingDesign();
    doc.edges[0]!.label = 'New orders';
    const { doc: back } = importMermaidModel(generateMermaid(doc));
    expect(back.edges[1]!.props).toEqual({ topic: 'payments.settled' });
    expect(back.edges[0]).toMatchObject({ label: 'New orders', protocol: 'kafka' });
    const api = importMermaidModel(generateMermaid(apiDesign())).doc;
    expect(api.edges.find((e) => e.to === 'orders')!.props).toEqual({ method: 'POST', path: '/orders' });
  });

  it('brings back labels with quotes, brackets, ampersands and other punctuation', () => {
    const doc = messagingDesign();
    const labels = ['Say "hi"', 'A [b] {c} (d)', 'Fish & chips; <b>', 'end', 'graph --> x', 'Ünïcødé 日本 🚀', '#34; literal'];
    doc.nodes.forEach((n, i) => (n.label = labels[i % labels.length]!));
    doc.groups[0]!.label = 'Zone "one" & <two>';
    const { doc: back } = importMermaidModel(generateMermaid(doc));
    expect(structure(back)).toEqual(structure(doc));
  });

  it('lays the imported design out', async () => {
    const { doc } = await importMermaid(generateMermaid(pipelineDesign()));
    for (const n of doc.nodes) expect(doc.layout[n.id]).toBeDefined();
    for (const g of doc.groups) expect(doc.layout[g.id]!.w).toBeGreaterThan(0);
  });
});

describe('importMermaid: hand-written flowcharts', () => {
  it('reads shapes, chains, & groups, labels on edges and subgraphs', () => {
    const { doc, diagnostics } = importMermaidModel(`
%% a comment
graph TD
  subgraph Edge zone
    User([Browser]) -->|HTTPS| GW{{API Gateway}}
  end
  subgraph core [Core services]
    direction LR
    GW --> Orders(Orders API) & Payments(Payments)
    Orders -- publishes --> Bus[[Kafka]]
    Bus -. consumed by .-> Mailer[Mailer]
  end
  Orders --> DB[(Orders DB)]; Payments --> Cache[(Redis cache)]
  Mailer --> Ext[/Stripe/]
  Prom((Prometheus)) -.-> Orders
  Orders ~~~ Payments
  classDef x fill:#f00
  class DB x
`);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(doc.groups).toEqual([
      { id: 'edge-zone', label: 'Edge zone' },
      { id: 'core', label: 'Core services' },
    ]);
    const kinds = Object.fromEntries(doc.nodes.map((n) => [n.id, [n.kind, n.label, n.group ?? '']]));
    expect(kinds).toEqual({
      user: ['web-app', 'Browser', 'edge-zone'],
      gw: ['kong', 'API Gateway', 'edge-zone'],
      orders: ['rest-service', 'Orders API', 'core'],
      payments: ['rest-service', 'Payments', 'core'],
      bus: ['kafka', 'Kafka', 'core'],
      mailer: ['worker', 'Mailer', 'core'],
      db: ['postgres', 'Orders DB', ''],
      cache: ['redis', 'Redis cache', ''],
      ext: ['saas-app', 'Stripe', ''],
      prom: ['prometheus', 'Prometheus', ''],
    });
    expect(doc.edges.map((e) => `${e.from}->${e.to} ${e.protocol ?? ''} ${e.label ?? ''}`.trim())).toEqual([
      'user->gw http HTTPS',
      'gw->orders http',
      'gw->payments http',
      'orders->bus kafka publishes',
      'bus->mailer kafka consumed by',
      'orders->db sql',
      'payments->cache redis',
      'mailer->ext http',
      'prom->orders metrics',
    ]);
  });

  it('takes kinds from the protocols of the edges when the text names none', () => {
    const { doc, diagnostics } = importMermaidModel(`
flowchart LR
  web[Storefront UI] -->|REST| orders[Orders]
  orders -->|gRPC| pricing[Pricing]
  orders -->|GraphQL| catalog[Catalog]
  orders -->|SQL| ledger[Ledger]
  orders -->|Kafka: orders| bus[Event backbone] -->|Kafka| mailer[Mailer]
  bus --> audit[Audit]
  webhooks[Webhook consumers] ~~~ web
  hooks[Hook sender] -->|webhooks| webhooks
  mystery[Thing]
`);
    expect(Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]))).toEqual({
      web: 'web-app',
      orders: 'rest-service',
      pricing: 'grpc-service',
      catalog: 'graphql-service',
      ledger: 'postgres',
      // Takes and passes on Kafka: the broker.
      bus: 'kafka',
      mailer: 'worker',
      audit: 'worker',
      // "consumers" of webhooks answer HTTP.
      webhooks: 'rest-service',
      hooks: 'rest-service',
      mystery: 'rest-service',
    });
    expect(doc.edges.find((e) => e.to === 'pricing')!.protocol).toBe('grpc');
    // What nothing decides is listed as undecided (a node that only calls others could be many things).
    expect(diagnostics.filter((d) => d.code === 'TF602').map((d) => d.nodes[0])).toEqual(['hooks', 'mystery']);
  });

  it('reads products and roles from labels as a reader would', () => {
    const { doc } = importMermaidModel(`
graph TB
  A[MQTT-Kafka Connector<br/>Python bridge] --> B[Apache Kafka + Zookeeper<br/>Topics: raw]
  C[MQTT Broker<br/>Eclipse Mosquitto] --> A
  B --> D[Kafka-TimescaleDB Sink] --> E[TimescaleDB]
  F[jaeger v2<br>collector mode] --> G[KafkaBroker]
  H[Jaeger Query Service] --> I[(Storage)]
`);
    expect(Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]))).toEqual({
      a: 'worker',
      b: 'kafka',
      c: 'mqtt-broker',
      d: 'worker',
      e: 'postgres',
      f: 'jaeger',
      g: 'kafka',
      h: 'jaeger',
      i: 'postgres',
    });
  });

  it('gives an edge the protocol the catalog allows, keeps what it does not and says so', () => {
    const { doc, diagnostics } = importMermaidModel(`
flowchart LR
  sdk[OpenTelemetry SDK] -->|HTTP or gRPC| col[Jaeger Collector]
  col -->|gRPC| plugin[Storage plugin]
  api[Certificate API] -.->|certificates| dev[Sensor device]
`);
    const edges = doc.edges.map((e) => `${e.from}->${e.to} ${e.protocol ?? ''} ${e.label ?? ''}`.trim());
    // OTLP travels over HTTP or gRPC: the catalog's protocol, the label kept as text.
    expect(edges).toContain('sdk->col otlp HTTP or gRPC');
    // Jaeger writes to a gRPC storage plugin: the label's protocol, allowed, nothing to flag.
    expect(edges).toContain('col->plugin grpc');
    expect(diagnostics.some((d) => d.code === 'TF605' && d.edges[0] === 'col->plugin')).toBe(false);
    // Drawn the way the certificates flow; the device calls the API.
    expect(edges).toContain('dev->api http certificates');
    expect(diagnostics.some((d) => d.code === 'TF605' && /turned around/.test(d.message))).toBe(true);
  });

  it('reads the @{ shape } syntax and entity codes', () => {
    const { doc } = importMermaidModel('flowchart LR\n  a@{ shape: cyl, label: "Ledger #amp; history" }\n  b["Quote #34;x#34;"] ==> a');
    expect(doc.nodes.map((n) => [n.id, n.kind, n.label])).toEqual([
      ['a', 'postgres', 'Ledger & history'],
      ['b', 'rest-service', 'Quote "x"'],
    ]);
    expect(doc.edges).toEqual([{ from: 'b', to: 'a', protocol: 'sql', props: {} }]);
    expect(decodeMermaidText('"a<br/>b #60;c#62;"')).toBe('a\nb <c>');
  });

  it('reads a published architecture as its author meant it: \\n line breaks, A:::class, products named by subgraphs', () => {
    // From KaloyankerR/pulse-microservices (docs/weekly/diagram.md), cut down.
    const { doc, diagnostics } = importMermaidModel(`flowchart LR
  subgraph L2["Microservices Layer"]
    UserService["User Service\\nNode.js + Prisma\\n:8081\\nAuth &amp; Users"]
  end
  subgraph L3["Data Layer"]
    subgraph NOSQL["MongoDB :27017"]
      MessageDB[("messaging_db\\nMessages &amp; Conversations")]
    end
    Redis[("Redis :6379\\nCaching &amp; Sessions")]
  end
  RabbitMQ[("RabbitMQ :5672\\nEvents\\nMgmt UI :15672")]
  UserService -->|Mongo Driver| MessageDB
  UserService -->|Sessions| Redis
  UserService -. "user.registered" .-> RabbitMQ
  UserService:::serviceStyle
  RabbitMQ:::mqStyle
`);
    expect(doc.nodes.map((n) => `${n.id} ${n.kind} ${n.label}`)).toEqual([
      'userservice rest-service User Service Node.js + Prisma :8081 Auth & Users',
      'messagedb mongodb messaging_db Messages & Conversations',
      'redis redis Redis :6379 Caching & Sessions',
      'rabbitmq rabbitmq RabbitMQ :5672 Events Mgmt UI :15672',
    ]);
    expect(structure(doc).edges).toEqual(['userservice -> messagedb mongodb', 'userservice -> redis redis', 'userservice -> rabbitmq amqp']);
    expect(diagnostics.some((d) => /from its subgraph/.test(d.message))).toBe(true);
    expect(diagnostics.filter((d) => d.code === 'TF612')).toEqual([]);
  });

  it('folds a helper drawn beside what it serves into it (ZooKeeper beside Kafka), as the compose import does', () => {
    // From ozturkeniss/obs-tools-usage (README.md), cut down.
    const { doc, diagnostics } = importMermaidModel(`graph TB
    Payment[Payment Service<br/>HTTP: 8082]
    Kafka[Apache Kafka<br/>Port: 9092]
    Zookeeper[Zookeeper<br/>Port: 2181]
    Billing[Billing worker]
    Payment --> Kafka
    Kafka --> Zookeeper
    Kafka --> Billing`);
    expect(doc.nodes.map((n) => `${n.id} ${n.kind}`)).toEqual(['payment rest-service', 'kafka kafka', 'billing worker']);
    expect(structure(doc).edges).toEqual(['payment -> kafka kafka', 'kafka -> billing kafka']);
    expect(diagnostics.find((d) => d.code === 'TF604')?.message).toMatch(/Zookeeper.*folded into it/);
  });

  it('reads a decision diamond as the sender choosing a branch, not as a component; a diamond naming a product stays', () => {
    // From a log-shipping README: Logstash client → {Is this Webops?} → Yes → MSK / No → HAProxy.
    const { doc, diagnostics } = importMermaidModel(`graph LR;
      Docker-->LC[Logstash client]
      LC-->E{Is this<br/>Webops?}--Yes-->MSK;
      E--No-->Orders[Orders API];
      Orders-->GW{API Gateway}`);
    expect(doc.nodes.map((n) => n.id)).not.toContain('e');
    expect(doc.nodes.find((n) => n.id === 'gw')?.kind).not.toBe('rest-service');
    expect(doc.edges.map((e) => `${e.from}->${e.to}`)).toEqual(expect.arrayContaining(['lc->msk', 'lc->orders']));
    expect(doc.edges.some((e) => e.from === 'e' || e.to === 'e')).toBe(false);
    expect(diagnostics.find((d) => d.code === 'TF614' && /decision/.test(d.message))?.message).toMatch(/`Logstash client` was connected to each of its branches: `MSK` \(Yes\), `Orders API` \(No\)/);
  });

  it('reads "Produce" and "Consume" on an edge as messaging, and a log pipeline consuming Kafka as a collector reading it', () => {
    // After an ELK-with-Kafka README: Filebeat → Kafka → Logstash → Elasticsearch.
    const { doc, diagnostics } = importMermaidModel(`flowchart LR
    C["Filebeat<br/>(Producer)"]
    K["Kafka<br/>(Port 9092)"]
    D["Logstash<br/>(Consumer)"]
    E["Elasticsearch<br/>(Port 9200)"]
    C -->|"Produce"| K
    K -->|"Consume"| D
    D -->|"Index"| E`);
    expect(doc.nodes.map((n) => `${n.id} ${n.kind}`)).toEqual(['c otel-collector', 'k kafka', 'd otel-collector', 'e elasticsearch']);
    expect(structure(doc).edges.slice(0, 2)).toEqual(['c -> k kafka', 'k -> d kafka']);
    expect(diagnostics.filter((d) => d.code === 'TF606')).toEqual([]);
    expect(validate(doc).filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reads hand-drawn diagrams as a reader does: subgraphs as ends, icons, a web server with a database, messages through the only broker', () => {
    // After infanasotku/netku (services/assistant/README.md) and a README's "WebApp → Web Server → Postgres".
    const { doc, diagnostics } = importMermaidModel(`flowchart TD
    subgraph assistant [Common domain services]
        A(fa:fa-cloud Assistant API)
        W(fa:fa-bolt Assistant workers)
    end
    A <-.-> |RabbitMQ| W
    subgraph db [Databases]
      P(fa:fa-database PostgreSQL)
    end
    R[[RabbitMQ]]
    Web[WebApp] -->|HTTPS| S[Web Server]
    S --> P
    W --> db
    Web --> Q[(Queue)]
`);
    const kind = (id: string) => doc.nodes.find((n) => n.id === id)?.kind;
    expect(doc.nodes.find((n) => n.id === 'a')?.label).toBe('Assistant API');
    // "Web Server" querying a database is the application server, not a proxy.
    expect(kind('s')).toBe('rest-service');
    const edges = structure(doc).edges;
    // A subgraph at an end stands for its components; the RabbitMQ label goes through the diagram's RabbitMQ.
    expect(edges).toEqual(expect.arrayContaining(['w -> p sql', 'a -> r amqp', 'r -> w amqp', 's -> p sql']));
    expect(diagnostics.filter((d) => d.code === 'TF614').map((d) => d.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/joins the subgraph `Databases`/), expect.stringMatching(/drawn through `RabbitMQ`/)]),
    );
    // What the catalog cannot express between the kinds chosen is said and not drawn: validation finds no error the import made.
    expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads a cloud reference architecture: managed services as their closest kinds', () => {
    const { doc } = importMermaidModel(`flowchart LR
  web[Web app] --> apigw[API Gateway]
  apigw --> orders[Orders service]
  orders --> rds[(Amazon RDS)]
  orders --> cache[(ElastiCache)]
  orders --> msk[[Amazon MSK]]
  msk --> fn[Billing worker]
  fn --> ddb[(DynamoDB)]`);
    expect(doc.nodes.map((n) => `${n.id} ${n.kind}`)).toEqual(['web web-app', 'apigw kong', 'orders rest-service', 'rds postgres', 'cache redis', 'msk kafka', 'fn worker', 'ddb mongodb']);
    expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses other diagrams and reports lines it cannot read', () => {
    const seq = importMermaidModel('sequenceDiagram\n  A->>B: hi');
    expect(seq.doc.nodes).toEqual([]);
    expect(seq.diagnostics[0]).toMatchObject({ code: 'TF610', severity: 'error', line: 1 });
    const partly = importMermaidModel('flowchart LR\n  A --> B\n  ??? nonsense\n  C --> ');
    expect(partly.doc.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(partly.diagnostics.filter((d) => d.code === 'TF612').map((d) => d.line)).toEqual([3, 4]);
    expect(importMermaidModel('').diagnostics[0]!.code).toBe('TF610');
  });
});
