import { num } from '../doc-words';
import type { DocFacet } from '../types';

/** Envoy in the document: its load shedding. */
export const envoyDoc: DocFacet = {
  loadShedding: (c) => `sheds load above ${(num(c.props, 'circuitBreakerMaxRequests') || 1024).toLocaleString('en-US')} outstanding requests per upstream`,
};
