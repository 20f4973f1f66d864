import { str } from '../../../shared/resolve/props';
import { literal, safeBaseUrl, secretEnv, valueEnv } from '../../k8s/build';
import { facet } from '../../k8s/types';

/** An external SaaS: no object; its clients get its base URL and, unless it needs none, its credential from a Secret. */
export const k8s = facet({
  clientEnv: (ctx, s) => {
    const P = s.envPrefix;
    const auth = str(s.props, 'auth') || 'api-key';
    return [
      valueEnv(`${P}_URL`, literal(safeBaseUrl(str(s.props, 'baseUrl')) ?? 'https://example.invalid')),
      ...(auth !== 'none' ? [secretEnv(`${P}_CREDENTIAL`, ctx.ownSecret(s, 'CREDENTIAL', `Credential (${auth}) for ${s.service}`))] : []),
    ];
  },
});
