import type { Component } from '../../../shared/resolve';
import type { Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { names, plural, svc, svcs, uniq } from '../context';
import { andList, md } from '../markdown';

/** Data Integration: data moved into stores beyond the service that owns it. */

const ANALYTIC = ['warehouse', 'search', 'object-store'] as const;
const analytics = (c: Ctx) => c.r.components.filter((x) => ANALYTIC.some((r) => x.roles.includes(r)) && x.in.some((f) => f.sink === x && f.source !== x));
const pipelines = (c: Ctx) => c.flows('cdc').length > 0 || c.has('scheduled') || c.has('stream-processor') || c.has('connector');

/** Everything data reaches a component from, over data flows (not calls), nearest first. */
export function upstream(n: Component): Component[] {
  const seen = new Set<Component>([n]);
  const order: Component[] = [];
  let frontier = [n];
  while (frontier.length) {
    const next: Component[] = [];
    for (const f of frontier) {
      for (const fl of f.at) {
        if (fl.sink !== f || fl.kind === 'call' || fl.kind === 'telemetry' || fl.kind === 'scrape' || fl.kind === 'datasource' || fl.kind === undefined) continue;
        const src = fl.source;
        if (seen.has(src)) continue;
        seen.add(src);
        order.push(src);
        next.push(src);
      }
    }
    frontier = next;
  }
  return order;
}

function feeders(t: Component): string {
  const up = upstream(t);
  const direct = up.filter((n) => t.at.some((f) => f.source === n && f.sink === t));
  const further = up.filter((n) => !direct.includes(n));
  return `${svcs(direct)}${further.length ? ` (upstream: ${svcs(further, 8)})` : ''}`;
}

export const data: Section = {
  title: 'Data Integration',
  unused: (c) => (analytics(c).length === 0 && !pipelines(c) ? 'no data pipeline: each store is written and read by the services that own it' : undefined),
  fields: {
    ETL_ELT_STRATEGY: (c) => {
      const a = analytics(c);
      const parts: string[] = [];
      if (c.flows('cdc').length) parts.push('change data capture and streaming');
      if (c.has('stream-processor')) parts.push(`stream processing in ${svcs(c.withRole('stream-processor'))}`);
      if (c.has('scheduled')) parts.push(`batch ETL by ${svcs(c.withRole('scheduled'))}`);
      const how = parts.length ? andList(parts) : 'services and connectors writing directly';
      return fact(`${how}${a.length ? ` into ${names(a)}` : ''}`, { short: c.flows('cdc').length ? 'CDC + streaming' : c.has('scheduled') ? 'batch ETL' : 'streaming' });
    },

    DATA_PIPELINE: (c) => {
      const sinks = [...analytics(c), ...c.withRole('database').filter((d) => d.in.some((f) => f.client && (f.client.roles.includes('connector') || f.client.roles.includes('stream-processor') || f.client.roles.includes('scheduled'))))];
      const list = uniq(sinks).filter((t) => upstream(t).length);
      if (!list.length) return open('no data reaches a store through a pipeline yet');
      return fact(andList(list.map((t) => `into ${svc(t)} from ${feeders(t)}`), 5), { short: c.flows('cdc').length ? 'CDC streaming pipeline' : 'data pipeline' });
    },

    DATA_MAPPING: (c) => {
      const described = c.r.flows.filter((f) => typeof f.props.description === 'string' && f.props.description.trim());
      return described.length ? fact(`described per connection: ${andList(described.map((f) => `${svc(f.source)} → ${svc(f.sink)}: ${md(f.props.description, 120)}`), 6)}`, { short: 'per-connection descriptions' }) : open('field mappings are not part of the drawing', { value: 'field-level mapping', because: 'name each field’s source where data changes shape' });
    },

    SCHEMA_EVOLUTION: (c) => {
      const r = c.withRole('schema-registry').filter((s) => c.facet(s).schemas);
      return r.length ? fact(andList(r.map((s) => `${c.facet(s).schemas!.compatibility(s)} compatibility checked by ${svc(s)} on every new schema`)), { short: 'schema registry' }) : open('no schema registry checks schema changes', { value: 'backward compatible', because: 'old readers keep working while writers change' });
    },

    DATA_QUALITY: (c) => {
      const parts: string[] = [];
      for (const j of c.withRole('scheduled')) {
        const w = c.facet(j).schedule;
        if (w) parts.push(`${svc(j)} ${w.onError(j)}`);
      }
      for (const s of c.withRole('schema-registry')) parts.push(`schema checks in ${svc(s)}`);
      return parts.length ? fact(parts.join('; ')) : open('no quality rule is drawn', { value: 'Great Expectations', because: 'the template’s first choice' });
    },

    MASTER_DATA_MANAGEMENT: () => open('the drawing does not say which system owns each entity', { value: 'custom golden record', because: 'name the system of record per entity' }),

    DATA_CATALOG: () => open('no data catalog is drawn', { value: 'DataHub', because: 'open source, reads Kafka, databases and warehouses' }),

    DATA_LINEAGE: (c) => {
      const sinks = c.r.components.filter((x) => (x.roles.includes('database') || ANALYTIC.some((r) => x.roles.includes(r))) && upstream(x).length);
      return sinks.length ? fact(`from the diagram: ${sinks.slice(0, 8).map((t) => `${svc(t)} from ${feeders(t)}`).join('; ')}`, { short: 'lineage from the diagram' }) : open('no data reaches a store through the drawing');
    },

    METADATA_MANAGEMENT: (c) => fact(`the design file: ${plural(c.r.components.length, 'component')} and ${plural(c.r.flows.length, 'connection')} with their settings, kept in git and regenerated into this bundle`, { short: 'the design file' }),

    DATA_GOVERNANCE: (c) => {
      const comp = c.reqList('compliance');
      return comp.length ? fact(`driven by ${andList(comp.map((x) => md(x, 60)))}`) : open('no regulation is listed', { value: 'data stewardship', because: 'owners per data set' });
    },
  },
};
