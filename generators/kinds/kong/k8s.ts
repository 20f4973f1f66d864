import type { Component } from '../../../shared/resolve';
import { objectLabels } from '../../k8s/build';
import { apiClientEnv } from '../../k8s/clientenv';
import type { K8sContext } from '../../k8s/context';
import { gatewayObjects, gatewayPlanOf } from '../../k8s/gateway';
import { facet } from '../../k8s/types';

/** Kong's Gateway API class (Kong Gateway Operator), its control plane's namespace and its data plane's status port (Prometheus metrics). */
export const KONG_CLASS = { className: 'kong', controlPlane: 'kong-system', metricsPort: 8100 } as const;

/**
 * Kong through the Gateway API, with its settings as `KongPlugin`s on every route: the
 * authentication (key-auth, JWT, basic; OIDC as JWT validation, Kong's OIDC plugin being
 * Enterprise), the rate limit and CORS.
 */
function objects(ctx: K8sContext, c: Component): void {
  const routes = gatewayObjects(ctx, c, KONG_CLASS);
  const plugins: Array<{ plugin: string; config: Record<string, unknown> }> = [];
  const plan = gatewayPlanOf(ctx, c);
  const auth = plan?.auth ?? 'none';
  if (auth === 'key-auth') plugins.push({ plugin: 'key-auth', config: { key_names: [plan?.apiKeyHeader ?? 'apikey'] } });
  else if (auth === 'jwt' || auth === 'oidc') plugins.push({ plugin: 'jwt', config: { claims_to_verify: ['exp'] } });
  else if (auth === 'basic') plugins.push({ plugin: 'basic-auth', config: { hide_credentials: true } });
  if (auth === 'key-auth' || auth === 'basic' || auth === 'jwt') ctx.note(`\`${c.service}\` checks ${auth} on every route: give each caller a KongConsumer and its credential (a Secret labelled konghq.com/credential: ${auth === 'basic' ? 'basic-auth' : auth}); until then every call is refused with 401.`);
  if (auth === 'oidc') ctx.note(`\`${c.service}\`: OIDC is checked as JWT validation (Kong's openid-connect plugin is Enterprise); add a KongConsumer with the realm's public key as its jwt credential.`);
  if (auth === 'mtls') ctx.note(`\`${c.service}\`: mutual TLS needs a TLS listener and Kong's mtls-auth plugin (Enterprise); it is not set.`);
  const limit = plan?.rateLimit;
  if (limit) plugins.push({ plugin: 'rate-limiting', config: { minute: limit.perMinute, limit_by: limit.by, policy: 'local' } });
  if (plan?.cors) plugins.push({ plugin: 'cors', config: { origins: [...plan.cors.origins] } });
  const names = plugins.map((p) => {
    const name = ctx.name('KongPlugin', `${c.id}/${p.plugin}`, `${c.service}-${p.plugin}`, 253);
    ctx.add(c, { apiVersion: 'configuration.konghq.com/v1', kind: 'KongPlugin', metadata: { name, labels: objectLabels(ctx, c) }, plugin: p.plugin, config: p.config });
    return name;
  });
  if (names.length === 0) return;
  for (const r of routes) r.object.metadata.annotations = { ...(r.object.metadata.annotations ?? {}), 'konghq.com/plugins': names.join(',') };
}

export const k8s = facet({ objects, clientEnv: apiClientEnv });
