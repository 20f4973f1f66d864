import type { StackFacet } from '../types';
import type { RNode, StackContext } from '../../stack/context';
import { toJson } from '../../stack/text';
import { cfg, mainService } from '../../stack/base';
import { strs } from '../../../shared/resolve/props';
import { cred, ref } from '../env';
import { clientSecretVariable, publicBase, realmOf } from './realm';

/**
 * Keycloak: a realm imported at start with its roles and one OpenID Connect client per component
 * it serves (the gateways that check its tokens, the services and front ends connected to it).
 * Each confidential client's secret is a variable Keycloak fills in from its environment while
 * importing. The issuer is fixed (KC_HOSTNAME: its public URL on localhost) so that a token means
 * the same inside the stack and outside it; services inside reach it by service name (backchannel).
 */

/** Keycloak replaces `${NAME}` in a realm file by the environment variable while importing it: a label must not. */
function placeholderSafe(text: string): string {
  return text.replace(/\$\{/g, '$ {');
}

/** The components that get a client in `kc`'s realm: gateways whose tokens it issues, then the services connected to it. */
export function realmClients(ctx: StackContext, kc: RNode): RNode[] {
  const gateways = ctx.resolved.gateways.filter((g) => g.identityProvider === kc).map((g) => g.gateway);
  const linked = ctx.linked(kc, (o) => o.containerised && (o.roles.includes('built') || o.roles.includes('gateway')));
  return [...gateways, ...linked.filter((o) => !gateways.includes(o)).sort((a, b) => (a.roles.includes('gateway') === b.roles.includes('gateway') ? a.index - b.index : a.roles.includes('gateway') ? -1 : 1))];
}

export function keycloakRealm(ctx: StackContext, n: RNode): Record<string, unknown> {
  const clients = realmClients(ctx, n).map((c) => {
    const published = c.ports.find((p) => p.host !== null);
    const base = { clientId: c.service, name: placeholderSafe(c.label), enabled: true, protocol: 'openid-connect', redirectUris: [`http://localhost:${published?.host ?? c.listenPort}/*`], webOrigins: ['+'] };
    if (c.roles.includes('frontend')) return { ...base, publicClient: true, standardFlowEnabled: true, directAccessGrantsEnabled: false, attributes: { 'pkce.code.challenge.method': 'S256' } };
    // The secret is a placeholder Keycloak fills from the environment while importing.
    return { ...base, publicClient: false, secret: `\${${clientSecretVariable(n, c)}}`, serviceAccountsEnabled: true, standardFlowEnabled: true, directAccessGrantsEnabled: true };
  });
  return {
    realm: realmOf(n),
    enabled: true,
    sslRequired: 'none',
    registrationAllowed: false,
    roles: { realm: strs(n.props, 'roles').map((r) => ({ name: r })) },
    clients,
  };
}

function keycloak(ctx: StackContext, n: RNode): void {
  const realm = realmOf(n);
  const realmJson = keycloakRealm(ctx, n);
  const file = ctx.addFile(cfg(n, `realm-${realm}.json`), toJson(realmJson));
  const spec = mainService(ctx, n, { command: ['start-dev', '--import-realm'] });
  Object.assign(spec.environment, { KEYCLOAK_ADMIN: cred(n.credentials.ADMIN_USER!), KEYCLOAK_ADMIN_PASSWORD: cred(n.credentials.ADMIN_PASSWORD!), KC_HEALTH_ENABLED: 'true' });
  const base = publicBase(n);
  if (base) Object.assign(spec.environment, { KC_HOSTNAME: base, KC_HOSTNAME_BACKCHANNEL_DYNAMIC: 'true' });
  for (const c of realmClients(ctx, n)) {
    if (c.roles.includes('frontend')) continue;
    const variable = clientSecretVariable(n, c);
    ctx.env.declare({ name: variable, owner: n.service, comment: `Secret of the OpenID Connect client '${c.service}' in realm ${realm} of ${n.service}`, secret: true });
    spec.environment[variable] = { parts: [ref(variable)] };
  }
  spec.binds.push({ source: file, target: `/opt/keycloak/data/import/realm-${realm}.json`, readOnly: true });
  ctx.note(`\`${n.service}\` (Keycloak) runs \`start-dev\`: dev mode, not for production (HTTP, in-memory caches).`);
}

export const stack: StackFacet = {
  services: keycloak,
  exporter: null,
  requestMetrics: null,
  outside: null,
};
