import type { BrokerPlan, Component } from '../../shared/resolve';
import { num, str } from '../../shared/resolve/props';

/** Small helpers the kinds' document facets share (words for formats, durations, settings). */

const FORMATS: Record<string, string> = {
  json: 'JSON',
  avro: 'Avro',
  protobuf: 'Protobuf',
  'json-schema': 'JSON Schema',
  xml: 'XML',
  csv: 'CSV',
  parquet: 'Parquet',
  cbor: 'CBOR',
  binary: 'binary',
  'fixed-width': 'fixed-width',
  edi: 'EDI',
  AVRO: 'Avro',
  PROTOBUF: 'Protobuf',
  JSON: 'JSON Schema',
};

/** A format setting in words ("avro" → "Avro"); undefined when unset. */
export function formatName(v: string): string | undefined {
  return v ? (FORMATS[v] ?? v) : undefined;
}

/** The component's `key` setting as a format. */
export const formatOf = (key: string) => (c: Component): string | undefined => formatName(str(c.props, key));

/** Whether the drawing sets the `key` setting (rather than leaving the catalog's default). */
export const formatSetOf = (key: string) => (c: Component): boolean => {
  const raw = c.node.props && typeof c.node.props === 'object' ? (c.node.props as Record<string, unknown>)[key] : undefined;
  return raw !== undefined && raw !== null && raw !== '';
};

export function hoursText(h: number): string {
  return h % 24 === 0 ? `${h / 24} ${h === 24 ? 'day' : 'days'}` : `${h} ${h === 1 ? 'hour' : 'hours'}`;
}

export { num, str };

/** Channels of a plan with one role. */
export function channelsOf(plan: BrokerPlan, role: 'main' | 'dead-letter' | 'retry', kind?: string): string[] {
  return plan.channels.filter((c) => c.role === role && (kind === undefined || c.kind === kind)).map((c) => c.name);
}

/** Retries of the plan's consumers, when they agree ("after 3 retries"); '' when none retry. */
export function retriesText(plan: BrokerPlan): string {
  const rs = [...new Set(plan.subscriptions.filter((s) => s.deadLetter.length > 0).map((s) => s.retries))];
  if (rs.length === 0) return '';
  if (rs.length === 1) return rs[0] === 0 ? 'at the first failure' : `after ${rs[0]} ${rs[0] === 1 ? 'retry' : 'retries'}`;
  return `after ${Math.min(...rs)} to ${Math.max(...rs)} retries (per consumer)`;
}

/** Whom a gateway's rate limit counts per: "per consumer", "per client address", or every caller together. */
export function perWhom(by: 'consumer' | 'ip' | 'instance'): string {
  return by === 'ip' ? 'per client address' : by === 'instance' ? 'for all callers together (one count per gateway instance)' : 'per consumer';
}
