import type { Component } from '../../../shared/resolve';
import { ref } from '../env';
import type { EnvValue } from '../env';
import { inStackIssuer, realmOf } from '../../stack/gateways';

export { inStackIssuer, realmOf };

/** The `.env` variable holding the secret of `client`'s OpenID Connect client in `kc`'s realm. */
export function clientSecretVariable(kc: Component, client: Component): string {
  return `${kc.envPrefix}_CLIENT_${client.envPrefix}_SECRET`;
}

/**
 * The issuer every token of `kc` carries: its URL as browsers reach it (its published port on
 * localhost), fixed with KC_HOSTNAME so that a token means the same inside and outside the stack;
 * the in-stack URL when it is not published.
 */
export function publicIssuer(kc: Component): EnvValue {
  const p = kc.published;
  if (!p || !p.variable) return inStackIssuer(kc);
  return { parts: ['http://localhost:', ref(p.variable, String(p.host)), `/realms/${realmOf(kc)}`] };
}

/** KC_HOSTNAME of `kc` (its public base URL), or undefined when it is not published. */
export function publicBase(kc: Component): EnvValue | undefined {
  const p = kc.published;
  return p && p.variable ? { parts: ['http://localhost:', ref(p.variable, String(p.host))] } : undefined;
}
