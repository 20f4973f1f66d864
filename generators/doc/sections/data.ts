import type { Ctx, NodeInfo, Resolver } from '../context';
import { components, filled, open, str } from '../context';
import { andList, code, md } from '../markdown';

/** Data Integration: pipelines into analytics stores, schemas, lineage. */

const ANALYTICS = ['snowflake', 'clickhouse', 'elasticsearch', 'object-storage'];
const analytics = (c: Ctx) => c.ofKind(...ANALYTICS).filter((n) => c.into(n.id).length);

/** Upstream chain of a node over data edges: every node data reaches it from, nearest first. */
export function upstream(c: Ctx, n: NodeInfo): NodeInfo[] {
  const seen = new Set<string>([n.id]);
  const order: NodeInfo[] = [];
  let frontier = [n];
  while (frontier.length) {
    const next: NodeInfo[] = [];
    for (const f of frontier) {
      for (const e of c.dataInto(f.id)) {
        const isIn = e.to === f && !['http', 'grpc', 'graphql', 'websocket'].includes(e.protocol ?? '');
        const src = isIn ? e.from : undefined;
        if (src && !seen.has(src.id)) {
          seen.add(src.id);
          order.push(src);
          next.push(src);
        }
      }
    }
    frontier = next;
  }
  return order;
}

/** "`a` and `b` (upstream: `c`, `d`)": direct feeders of a node, then everything further up. */
function feeders(c: Ctx, t: NodeInfo): string {
  const up = upstream(c, t);
  const direct = up.filter((n) => c.dataInto(t.id).some((e) => e.from === n && e.to === t));
  const further = up.filter((n) => !direct.includes(n));
  return `${andList(direct.map((n) => code(n.id)))}${further.length ? ` (upstream: ${andList(further.map((n) => code(n.id)), 8)})` : ''}`;
}

export const data: Record<string, Resolver> = {
  ETL_ELT_STRATEGY: (c) => {
    const a = analytics(c);
    const cdc = c.edgesOf('cdc').length > 0;
    const jobs = c.ofKind('batch-job');
    if (!a.length && !cdc && !jobs.length) return open('no analytics store, CDC or batch job in the design', 'add a warehouse (Snowflake, ClickHouse) and how data reaches it');
    const parts: string[] = [];
    if (cdc) parts.push('CDC + streaming');
    if (jobs.length) parts.push(`batch ETL by ${andList(jobs.map((j) => code(j.id)))}`);
    const how = parts.length ? andList(parts) : 'services writing directly';
    return filled(`${how}${a.length ? ` into ${components(a)}` : ''}`, cdc ? 'CDC + streaming' : jobs.length ? 'batch ETL' : how);
  },

  DATA_PIPELINE: (c) => {
    const a = analytics(c).filter((t) => upstream(c, t).length);
    if (!a.length) return open('no data flows into an analytics store', 'connect the sources to a warehouse, search or object store');
    return filled(andList(a.map((t) => `into ${code(t.id)} from ${feeders(c, t)}`), 5), c.edgesOf('cdc').length ? 'CDC streaming pipeline' : 'data pipeline');
  },

  DATA_MAPPING: (c) => {
    const described = c.edges.filter((e) => str(e.props, 'description'));
    return described.length ? filled(`described per connection: ${andList(described.map((e) => `${code(e.id)}: ${md(str(e.props, 'description'), 120)}`), 6)}`, 'per-connection descriptions') : open('field mappings are not part of the drawing', 'describe what flows on each connection (Description) and map the fields in the transforming components');
  },

  SCHEMA_EVOLUTION: (c) => {
    const r = c.ofKind('schema-registry');
    return r.length ? filled(andList(r.map((s) => `${md(str(s.props, 'compatibility'))} compatibility checked by ${code(s.id)}`)), 'schema registry') : open('no schema registry in the design', 'add a Schema Registry and choose its compatibility rule');
  },

  DATA_QUALITY: (c) => {
    const jobs = c.ofKind('batch-job');
    const r = c.ofKind('schema-registry');
    const parts = [...jobs.map((j) => `${code(j.id)} ${({ quarantine: 'quarantines', 'skip-and-log': 'skips and logs', 'fail-fast': 'fails on' } as Record<string, string>)[str(j.props, 'onError')] ?? 'handles'} bad records`), ...r.map((s) => `schema checks in ${code(s.id)}`)];
    return parts.length ? filled(parts.join('; ')) : open('no data quality checks in the design', 'add rules in the jobs or a Schema Registry (tools such as Great Expectations live outside the drawing)');
  },

  MASTER_DATA_MANAGEMENT: () => open('the drawing does not say which system owns master data', 'name the system of record for each entity (customer, product) in the requirements'),

  DATA_CATALOG: () => open('no data catalog in the design', 'choose one (e.g. DataHub) if data is shared beyond these systems'),

  DATA_LINEAGE: (c) => {
    const sinks = c.ofCategory('store').filter((s) => upstream(c, s).length);
    return sinks.length ? filled(`from the diagram: ${sinks.map((t) => `${code(t.id)} from ${feeders(c, t)}`).slice(0, 8).join('; ')}`, 'lineage from the diagram') : open('no data reaches a store through the drawing', 'connect the stores to what writes them');
  },

  METADATA_MANAGEMENT: (c) => (c.nodes.length ? filled(`this design file: ${c.nodes.length} components with their settings and ${c.edges.length} connections`, 'the design file') : open('the design is empty', 'add components')),

  DATA_GOVERNANCE: (c) => {
    const comp = Array.isArray(c.req.compliance) ? c.req.compliance.filter((x): x is string => typeof x === 'string') : [];
    return comp.length ? filled(`driven by ${andList(comp.map((x) => md(x, 60)))}`) : open('no compliance requirement in the design', 'list the regulations in the requirements and name the data owners');
  },
};

