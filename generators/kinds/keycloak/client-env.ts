import type { ClientEnvFacet, Env } from '../env';
import { ref } from '../env';
import { clientSecretVariable, inStackIssuer } from './realm';

/** Callers get the issuer of its realm, and their own client id (and secret, but for browser apps) in it. */
export const clientEnv: ClientEnvFacet = ({ flow, client, server: s }) => {
  // Only what gets a client in the realm (realmClients: services you build and gateways) has an id and secret there.
  if (flow.protocol !== 'http' || !client.containerised || !(client.roles.includes('built') || client.roles.includes('gateway'))) return {};
  const P = s.envPrefix;
  const out: Env = { [`${P}_ISSUER_URL`]: inStackIssuer(s), [`${P}_CLIENT_ID`]: client.service };
  if (!client.roles.includes('frontend')) out[`${P}_CLIENT_SECRET`] = { parts: [ref(clientSecretVariable(s, client))] };
  return out;
};
