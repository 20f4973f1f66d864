import type { ClientEnvFacet } from '../env';
import { sqlClientEnv } from '../sql-env';

/** SQL clients get a URL and its parts, with the application user. */
export const clientEnv: ClientEnvFacet = (link) => sqlClientEnv(link, 'mysql');
