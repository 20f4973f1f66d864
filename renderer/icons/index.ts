import {
  siApacheflink, siApachekafka, siClickhouse, siEclipsemosquitto, siElasticsearch, siEnvoyproxy, siGrafana, siGraphql, siJaeger,
  siKeycloak, siKong, siMongodb, siMysql, siNatsdotio, siNginx, siOpentelemetry, siPostgresql, siPrometheus, siRabbitmq, siRedis,
  siSnowflake, siVault,
} from 'simple-icons';

/**
 * Icons by the catalog's `icon` key. Brand icons are Simple Icons (CC0), imported one by one so
 * the bundle keeps only these; generic kinds get 24×24 stroke glyphs drawn here in one weight.
 */

export type IconDef =
  | { type: 'brand'; title: string; path: string; /** Brand colour, `#rrggbb`. */ color: string }
  | { type: 'glyph'; title: string; /** SVG markup of stroke shapes inside a 24×24 box. */ body: string };

const brand = (icon: { title: string; path: string; hex: string }): IconDef => ({ type: 'brand', title: icon.title, path: icon.path, color: `#${icon.hex}` });
const glyph = (title: string, body: string): IconDef => ({ type: 'glyph', title, body });

export const ICONS: Record<string, IconDef> = {
  // Generic kinds: hand-drawn glyphs.
  rest: glyph('REST API', '<path d="M8 4H7a2 2 0 0 0-2 2v3.5A2.5 2.5 0 0 1 2.5 12 2.5 2.5 0 0 1 5 14.5V18a2 2 0 0 0 2 2h1"/><path d="M16 4h1a2 2 0 0 1 2 2v3.5a2.5 2.5 0 0 0 2.5 2.5A2.5 2.5 0 0 0 19 14.5V18a2 2 0 0 1-2 2h-1"/><path d="M9.5 12h.01M12 12h.01M14.5 12h.01"/>'),
  grpc: glyph('gRPC', '<path d="M4 8.5h14"/><path d="m15 5 3.5 3.5L15 12"/><path d="M20 15.5H6"/><path d="m9 12-3.5 3.5L9 19"/>'),
  web: glyph('Web app', '<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M3 9h18"/><path d="M6.5 6.5h.01M9 6.5h.01"/><path d="m10 13-2 2 2 2M14 13l2 2-2 2"/>'),
  worker: glyph('Worker', '<circle cx="12" cy="12" r="3"/><path d="M12 3v2.5M12 18.5V21M3 12h2.5M18.5 12H21M5.6 5.6l1.8 1.8M16.6 16.6l1.8 1.8M5.6 18.4l1.8-1.8M16.6 7.4l1.8-1.8"/>'),
  batch: glyph('Batch job', '<circle cx="12" cy="13" r="8"/><path d="M12 9v4l2.5 2.5"/><path d="M9.5 2.5h5"/><path d="M12 2.5V5"/>'),
  iot: glyph('IoT device', '<rect x="7" y="7" width="10" height="10" rx="1.5"/><rect x="10" y="10" width="4" height="4" rx=".5"/><path d="M10 3v4M14 3v4M10 17v4M14 17v4M3 10h4M3 14h4M17 10h4M17 14h4"/>'),
  saas: glyph('SaaS', '<path d="M7 19h10.5a4.5 4.5 0 0 0 .6-8.96A6.5 6.5 0 0 0 5.6 8.6 5.2 5.2 0 0 0 7 19Z"/>'),
  legacy: glyph('Legacy system', '<rect x="5" y="3" width="14" height="18" rx="1.5"/><path d="M5 8h14M5 13h14"/><path d="M8 5.5h3M8 10.5h3M8 15.5h3"/><path d="M15.5 17.5h.01"/>'),
  sftp: glyph('SFTP', '<path d="M3 7.5A2 2 0 0 1 5 5.5h4l2 2h8a2 2 0 0 1 2 2V17a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2Z"/><path d="M12 16.5v-5.5"/><path d="m9.5 13.5 2.5-2.5 2.5 2.5"/>'),
  s3: glyph('Object storage', '<ellipse cx="12" cy="6" rx="8" ry="2.5"/><path d="M4 6l1.8 12.2c.2 1.5 2.9 2.3 6.2 2.3s6-.8 6.2-2.3L20 6"/><path d="M5 11c1.6.9 4.1 1.4 7 1.4s5.4-.5 7-1.4"/>'),
  schema: glyph('Schema Registry', '<rect x="4" y="3" width="16" height="18" rx="2"/><path d="M9.5 8 7.5 10l2 2M14.5 8l2 2-2 2"/><path d="M8 16h8"/>'),
  debezium: glyph('Debezium (CDC)', '<ellipse cx="10" cy="5.5" rx="6" ry="2.5"/><path d="M4 5.5v9c0 1.4 2.7 2.5 6 2.5"/><path d="M16 5.5V10"/><path d="M4 10c0 1.4 2.7 2.5 6 2.5"/><path d="M13 18h8"/><path d="m18 15 3 3-3 3"/>'),
  ibmmq: glyph('Message queue', '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 6.5 8.5 6.5 8.5-6.5"/>'),
  // Messaging and plumbing kinds added in catalog 1.
  activemq: glyph('ActiveMQ Artemis', '<rect x="3" y="6" width="18" height="12" rx="2"/><path d="M7 10h6M7 14h10"/><path d="m15 8.5 2 1.5-2 1.5"/>'),
  connect: glyph('Kafka Connect', '<rect x="2.5" y="8" width="6" height="8" rx="1.5"/><rect x="15.5" y="8" width="6" height="8" rx="1.5"/><path d="M8.5 12h7"/><path d="m12.5 9.5 2.5 2.5-2.5 2.5"/>'),
  // Observability: log and trace stores (no Simple Icons brand).
  loki: glyph('Loki', '<path d="M4 5h16M4 9.5h16M4 14h7M4 18.5h5"/><circle cx="16" cy="16" r="3"/><path d="m18.2 18.2 2.3 2.3"/>'),
  tempo: glyph('Tempo', '<path d="M3 6h9M6 10.5h11M9 15h7M12 19.5h9"/><path d="M3 4v4M21 17.5v4"/>'),
  // Brand icons.
  graphql: brand(siGraphql),
  kong: brand(siKong),
  nginx: brand(siNginx),
  envoy: brand(siEnvoyproxy),
  kafka: brand(siApachekafka),
  rabbitmq: brand(siRabbitmq),
  nats: brand(siNatsdotio),
  mqtt: brand(siEclipsemosquitto),
  flink: brand(siApacheflink),
  postgres: brand(siPostgresql),
  mysql: brand(siMysql),
  mongodb: brand(siMongodb),
  redis: brand(siRedis),
  elasticsearch: brand(siElasticsearch),
  clickhouse: brand(siClickhouse),
  snowflake: brand(siSnowflake),
  prometheus: brand(siPrometheus),
  grafana: brand(siGrafana),
  jaeger: brand(siJaeger),
  otel: brand(siOpentelemetry),
  keycloak: brand(siKeycloak),
  vault: brand(siVault),
};

export const FALLBACK_ICON: IconDef = glyph('Component', '<rect x="4" y="4" width="16" height="16" rx="3"/><path d="M9 12h6M12 9v6"/>');

export function iconFor(key: string | undefined): IconDef {
  return (key && ICONS[key]) || FALLBACK_ICON;
}

/** A brand colour that reads on a light tile: very light ones (Vault's yellow) are darkened. */
export function readableColor(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  let r = (n >> 16) & 255;
  let g = (n >> 8) & 255;
  let b = n & 255;
  const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  if (lum > 0.62) {
    const k = 0.62 / lum;
    r = Math.round(r * k * 0.8);
    g = Math.round(g * k * 0.8);
    b = Math.round(b * k * 0.8);
  }
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
