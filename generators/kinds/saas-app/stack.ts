import type { StackFacet } from '../types';

/** External: not started by the stack; the README says what to configure. */
export const stack: StackFacet = {
  services: null,
  exporter: null,
  requestMetrics: null,
  outside: 'Set its base URL and credential in `.env`; the services calling it read them.',
};
