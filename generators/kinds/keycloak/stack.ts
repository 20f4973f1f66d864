import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { toJson } from '../../stack/text';
import { keycloakAdmin, keycloakClientSecret } from '../../stack/creds';
import { cfg, mainService } from '../../stack/base';
import { num, str, strs } from '../../../shared/resolve/props';

/** Keycloak replaces `${NAME}` in a realm file by the environment variable while importing it: a label must not. */
const GATEWAYS = new Set(['kong', 'nginx', 'envoy']);
const CLIENT_KINDS = new Set([...GATEWAYS, 'rest-service', 'grpc-service', 'graphql-service', 'web-app', 'worker', 'batch-job']);

function placeholderSafe(text: string): string {
  return text.replace(/\$\{/g, '$ {');
}

export function keycloakRealm(ctx: StackContext, n: RNode): Record<string, unknown> {
  const realm = str(n.props, 'realm') || 'topoforge';
  const linked = ctx.linked(n, (o) => CLIENT_KINDS.has(o.kind.id));
  // With a single Keycloak, gateways that ask for jwt/oidc get a client too, wired or not.
  if (ctx.nodes.filter((o) => o.kind.id === 'keycloak').length === 1) {
    for (const g of ctx.nodes) if (GATEWAYS.has(g.kind.id) && ['jwt', 'oidc'].includes(str(g.props, 'auth')) && !linked.includes(g)) linked.push(g);
  }
  const clients = linked
    .sort((a, b) => (GATEWAYS.has(a.kind.id) === GATEWAYS.has(b.kind.id) ? a.index - b.index : GATEWAYS.has(a.kind.id) ? -1 : 1))
    .map((c) => {
      const port = num(c.props, 'port') || ctx.internalPort(c);
      const base = { clientId: c.id, name: placeholderSafe(c.label), enabled: true, protocol: 'openid-connect', redirectUris: [`http://localhost:${port}/*`], webOrigins: ['+'] };
      if (c.kind.id === 'web-app') return { ...base, publicClient: true, standardFlowEnabled: true, directAccessGrantsEnabled: false, attributes: { 'pkce.code.challenge.method': 'S256' } };
      // The secret is a placeholder Keycloak fills from the environment while importing.
      return { ...base, publicClient: false, secret: `\${${keycloakClientSecret(ctx, n, c.id)}}`, serviceAccountsEnabled: true, standardFlowEnabled: true, directAccessGrantsEnabled: true };
    });
  return {
    realm,
    enabled: true,
    sslRequired: 'none',
    registrationAllowed: false,
    roles: { realm: strs(n.props, 'roles').map((r) => ({ name: r })) },
    clients,
  };
}

function keycloak(ctx: StackContext, n: RNode): void {
  const cr = keycloakAdmin(ctx, n);
  const realm = str(n.props, 'realm') || 'topoforge';
  const realmJson = keycloakRealm(ctx, n);
  const file = ctx.addFile(cfg(n, `realm-${realm}.json`), toJson(realmJson));
  const spec = mainService(ctx, n, { command: ['start-dev', '--import-realm'] });
  Object.assign(spec.environment, { KEYCLOAK_ADMIN: cr.user, KEYCLOAK_ADMIN_PASSWORD: cr.password, KC_HEALTH_ENABLED: 'true' });
  for (const c of realmJson.clients as Array<{ secret?: string }>) {
    if (c.secret) {
      const name = c.secret.slice(2, -1);
      spec.environment[name] = c.secret;
    }
  }
  spec.binds.push({ source: file, target: `/opt/keycloak/data/import/realm-${realm}.json`, readOnly: true });
  ctx.note(`\`${n.id}\` (Keycloak) runs \`start-dev\`: dev mode, not for production (HTTP, in-memory caches).`);
}

export const stack: StackFacet = {
  services: keycloak,
  exporter: null,
  requestMetrics: null,
  alerts: null,
  outside: null,
};
