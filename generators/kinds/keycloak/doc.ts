import { str } from '../doc-words';
import type { DocFacet } from '../types';

const MODEL: Record<string, string> = { rbac: 'RBAC', abac: 'ABAC', 'oauth-scopes': 'OAuth scopes', 'policy-based': 'policy-based' };

/** Keycloak in the document: its authorization model and realm roles. */
export const keycloakDoc: DocFacet = {
  identity: {
    authorization: (c) => MODEL[str(c.props, 'authorization')] ?? 'RBAC',
    roles: (c) => (Array.isArray(c.props.roles) ? (c.props.roles as string[]) : []),
  },
};
