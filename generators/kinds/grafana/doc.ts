import { str } from '../doc-words';
import type { DocFacet } from '../types';

/** Grafana in the document: its dashboard. */
export const grafanaDoc: DocFacet = {
  dashboardTitle: (c) => str(c.props, 'dashboardTitle') || undefined,
};
