import type { StackFacet } from '../types';

/** External: not started by the stack; the README says what to configure. */
export const stack: StackFacet = {
  services: null,
  exporter: null,
  requestMetrics: null,
  outside: 'Set the account, user and password in `.env`; loaders connect to it over the internet.',
};
