import type { ClientEnvFacet } from '../types';
import { httpEnv } from '../../stack/wiring';
import { str } from '../../../shared/resolve/props';

/** Callers get `<SERVICE>_URL`, with the GraphQL endpoint for GraphQL calls. */
export const clientEnv: ClientEnvFacet = (link) => httpEnv(link, link.flow.protocol === 'graphql' ? str(link.server.props, 'endpoint') : '');
