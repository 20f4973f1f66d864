import type { ClientEnvFacet } from '../types';
import { safeBaseUrl } from '../../stack/wiring';
import { str } from '../../../shared/resolve/props';
import { upperSnake } from '../../stack/text';

/** Callers get its base URL and credential from .env. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow, server: s, set }) => {
  if (flow.protocol !== 'http' && flow.protocol !== 'graphql' && flow.protocol !== 'websocket') return;
  const T = upperSnake(s.id);
  const base = safeBaseUrl(str(s.props, 'baseUrl'));
  set(`${T}_URL`, ctx.env.ref(s.id, 'URL', { comment: `Base URL of ${s.id} (external: not started by this stack)`, example: base ?? 'https://example.invalid' }));
  if (str(s.props, 'auth') !== 'none') set(`${T}_CREDENTIAL`, ctx.env.ref(s.id, 'CREDENTIAL', { comment: `Credential (${str(s.props, 'auth') || 'api-key'}) for ${s.id}`, secret: true }));
};
