import { str } from '../doc-words';
import type { DocFacet } from '../types';

const AUTH: Record<string, string> = { 'api-key': 'an API key', oauth2: 'OAuth 2.0 client credentials', basic: 'basic auth', mtls: 'mutual TLS' };

/** A SaaS app in the document: how you authenticate to it. */
export const saasAppDoc: DocFacet = {
  outboundAuth: (c) => AUTH[str(c.props, 'auth')],
};
