import type { ClientEnvFacet } from '../env';
import { callEnv } from '../call-env';
import { str } from '../../../shared/resolve/props';

/** Callers get `<SERVICE>_URL`, with the GraphQL endpoint for GraphQL calls. */
export const clientEnv: ClientEnvFacet = (link) => callEnv(link, link.flow.protocol === 'graphql' ? str(link.server.props, 'endpoint') : '');
