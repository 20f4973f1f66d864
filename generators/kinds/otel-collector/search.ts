import type { Component, Flow } from '../../../shared/resolve';
import { strs } from '../../../shared/resolve/props';

/**
 * Logs into a search store drawn from the collector (a log pipeline → Elasticsearch over HTTP):
 * the contrib Elasticsearch exporter, authenticated by a basic-auth extension with the user and
 * password the store gives its HTTP clients (`<STORE>_URL`, `_USER`, `_PASSWORD`, which the
 * collector's container gets), into the store's first index if the design names one, else
 * `logs-generic-default` (a data stream Elasticsearch 8 makes from its built-in `logs-*-*`
 * template).
 */
export interface SearchSink {
  readonly flow: Flow;
  readonly store: Component;
  readonly exporter: string;
  readonly extension: string;
}

export function searchSinks(c: Component): SearchSink[] {
  return c.out
    .filter((f) => f.protocol === 'http' && f.client === c && f.server && f.server !== c && f.server.containerised && f.server.roles.includes('search'))
    .map((f) => ({ flow: f, store: f.server!, exporter: `elasticsearch/${f.server!.service}`, extension: `basicauth/${f.server!.service}` }));
}

export function searchExporter(s: SearchSink): { exporter: Record<string, unknown>; extension: Record<string, unknown> } {
  const P = s.store.envPrefix;
  const index = strs(s.store.props, 'indices')[0];
  return {
    exporter: { endpoints: [`\${env:${P}_URL}`], ...(index ? { logs_index: index } : {}), auth: { authenticator: s.extension } },
    extension: { client_auth: { username: `\${env:${P}_USER}`, password: `\${env:${P}_PASSWORD}` } },
  };
}

/** Whether an environment variable belongs to the store's client environment (`<STORE>_…`). */
export const ofStore = (s: SearchSink, name: string): boolean => name.startsWith(`${s.store.envPrefix}_`);
