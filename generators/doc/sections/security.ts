import type { Resolver } from '../context';
import { component, filled, names, open, str } from '../context';
import { andList, code, md } from '../markdown';

/** Security Integration. */

const AUTH: Record<string, string> = { 'key-auth': 'API keys', jwt: 'JWT', oidc: 'OAuth 2.0 + OIDC', basic: 'basic auth', mtls: 'mTLS', 'api-key': 'API key', oauth2: 'OAuth 2.0' };

export const security: Record<string, Resolver> = {
  INTEGRATION_AUTHENTICATION: (c) => {
    const parts: string[] = [];
    for (const g of c.ofCategory('gateway')) if (str(g.props, 'auth') !== 'none') parts.push(`${AUTH[str(g.props, 'auth')] ?? md(str(g.props, 'auth'))} at ${code(g.id)}`);
    for (const s of c.ofKind('saas-app')) if (str(s.props, 'auth') !== 'none') parts.push(`${AUTH[str(s.props, 'auth')] ?? md(str(s.props, 'auth'))} to ${code(s.id)}`);
    for (const m of c.ofKind('mqtt-broker')) parts.push(`${m.props.allowAnonymous === true ? 'anonymous clients allowed' : 'user name and password'} on ${code(m.id)}`);
    if (c.ofCategory('broker', 'store').some((n) => !n.kind?.external)) parts.push('password credentials (from .env) for brokers and databases');
    return parts.length ? filled(parts.join('; '), andList([...new Set(c.ofCategory('gateway').map((g) => AUTH[str(g.props, 'auth')]).filter((x): x is string => !!x))]) || undefined) : open('nothing in the design authenticates', 'set Authentication on the gateways and external systems');
  },

  INTEGRATION_AUTHORIZATION: (c) => {
    const k = c.ofKind('keycloak');
    const model: Record<string, string> = { rbac: 'RBAC', abac: 'ABAC', 'oauth-scopes': 'OAuth scopes', 'policy-based': 'policy-based' };
    return k.length ? filled(andList(k.map((n) => `${model[str(n.props, 'authorization')] ?? md(str(n.props, 'authorization'))} in ${code(n.id)}`))) : open('no identity provider in the design', 'add Keycloak and choose the authorization model');
  },

  INTEGRATION_ENCRYPTION: (c) => {
    const parts: string[] = [];
    for (const g of c.ofCategory('gateway')) if (str(g.props, 'auth') === 'mtls') parts.push(`mTLS at ${code(g.id)}`);
    for (const s of c.ofKind('sftp-server')) parts.push(`SSH transport${str(s.props, 'encryption') !== 'none' ? ` and ${md(str(s.props, 'encryption')).toUpperCase()} files` : ''} on ${code(s.id)}`);
    return parts.length ? filled(parts.join('; ')) : open('the design sets no TLS or encryption (the starter stack runs plain inside one network)', 'decide TLS for traffic and encryption at rest for production');
  },

  INTEGRATION_NETWORK_SECURITY: (c) => {
    const groups = (c.doc.groups ?? []).filter((g) => g.trust || c.nodes.some((n) => n.node.group === g.id));
    const internal = c.ofCategory('gateway').filter((g) => str(g.props, 'exposure') === 'internal');
    const parts: string[] = [];
    if (groups.length) parts.push(`zones ${andList(groups.map((g) => `${md(g.label || g.id, 40)}${g.trust ? ` (${md(g.trust)})` : ''}`))}`);
    if (internal.length) parts.push(`internal-only gateways ${andList(internal.map((g) => code(g.id)))}`);
    return parts.length ? filled(parts.join('; '), 'network segmentation by zone') : open('no zones or trust boundaries drawn', 'draw zones with trust levels (internet, DMZ, internal, restricted)');
  },

  INTEGRATION_API_SECURITY: (c) => {
    const gws = c.ofCategory('gateway');
    if (!gws.length) return open('no API gateway in the design', 'add a gateway to authenticate and rate-limit API calls');
    return filled(andList(gws.map((g) => {
      const bits = [str(g.props, 'auth') !== 'none' ? `${AUTH[str(g.props, 'auth')] ?? md(str(g.props, 'auth'))}` : 'no authentication', (typeof g.props.rateLimitPerMinute === 'number' && g.props.rateLimitPerMinute > 0) ? `rate limit ${g.props.rateLimitPerMinute.toLocaleString('en-US')} req/min` : 'no rate limit', g.props.cors === true ? 'CORS' : ''].filter(Boolean);
      return `${andList(bits)} at ${code(g.id)}`;
    })));
  },

  MESSAGE_SECURITY: (c) => {
    const b = c.ofCategory('broker');
    return b.length ? filled(`authenticated broker connections with credentials from .env on ${andList(b.map((n) => code(n.id)))}; payloads are not signed or encrypted in the design`, 'authenticated broker connections') : open('no message broker in the design', 'add a broker to decide message security');
  },

  IDENTITY_MANAGEMENT: (c) => {
    const k = c.ofKind('keycloak');
    return k.length ? filled(andList(k.map(component)), names(k, 2)) : open('no identity provider in the design', 'add Keycloak (or name the company IdP in the requirements)');
  },

  KEY_MANAGEMENT: (c) => {
    const v = c.ofKind('vault');
    return v.length ? filled(andList(v.map((n) => `${component(n)}${n.props.devMode === true ? ' (dev mode locally: in memory, never for production)' : ''}`)), names(v, 2)) : open('no secrets manager in the design (credentials are .env variables)', 'add Vault, or name the cloud KMS in the requirements');
  },

  INTEGRATION_AUDIT_LOGGING: () => open('audit logging is not part of the drawing', 'decide where security events go (SIEM, cloud audit log)'),

  INTEGRATION_COMPLIANCE_MONITORING: (c) => {
    const comp = Array.isArray(c.req.compliance) ? c.req.compliance.filter((x): x is string => typeof x === 'string') : [];
    return open(comp.length ? `the design lists ${andList(comp.map((x) => md(x, 40)))} but nothing that checks ${comp.length === 1 ? 'it' : 'them'}` : 'no compliance requirement in the design', 'decide how compliance is evidenced (SIEM, compliance dashboards)');
  },
};

