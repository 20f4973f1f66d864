import type { ClientEnvFacet } from '../types';
import { safeBaseUrl } from '../../stack/wiring';
import { str } from '../../../shared/resolve/props';
import { composeLiteral, upperSnake } from '../../stack/text';

/** Callers get its address (and credentials) from .env, per protocol. */
export const clientEnv: ClientEnvFacet = ({ ctx, flow: e, server: s, set }) => {
  const T = upperSnake(s.id);
  switch (e.protocol) {
    case 'http':
    case 'graphql':
    case 'websocket': {
      const base = safeBaseUrl(str(s.props, 'baseUrl'));
      set(`${T}_URL`, ctx.env.ref(s.id, 'URL', { comment: `Base URL of ${s.id} (external: not started by this stack)`, example: base ?? 'https://example.invalid' }));
      break;
    }
    case 'jms':
      set(`${T}_URL`, ctx.env.ref(s.id, 'URL', { comment: `Connection URL of ${s.id} (external: not started by this stack)`, example: 'tcp://legacy.example.invalid:1414' }));
      break;
    case 'sql':
      set(`${T}_URL`, ctx.env.ref(s.id, 'URL', { comment: `Database URL of ${s.id} (external: not started by this stack)`, example: 'jdbc:db2://legacy.example.invalid:50000/DB' }));
      set(`${T}_PASSWORD`, ctx.env.ref(s.id, 'PASSWORD', { comment: `Password for ${s.id}`, secret: true }));
      break;
    case 'sftp':
      set(`${T}_URL`, ctx.env.ref(s.id, 'SFTP_URL', { comment: `SFTP address of ${s.id} (external)`, example: 'sftp://legacy.example.invalid:22' }));
      set(`${T}_PASSWORD`, ctx.env.ref(s.id, 'SFTP_PASSWORD', { comment: `SFTP password for ${s.id}`, secret: true }));
      set(`${T}_PATH`, composeLiteral(str(e.props, 'path') || '/upload'));
      set(`${T}_SCHEDULE`, composeLiteral(str(e.props, 'schedule')));
      break;
    default:
      break;
  }
};
