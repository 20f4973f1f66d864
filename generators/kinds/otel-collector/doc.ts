import type { DocFacet } from '../types';

/** The collector in the document: what it writes to Kafka is OTLP encoded as protobuf (./kafka.ts), not the broker's default JSON. */
export const otelCollectorDoc: DocFacet = {
  format: (c) => (c.out.some((f) => f.protocol === 'kafka' && f.client === c) ? 'OTLP protobuf' : undefined),
};
