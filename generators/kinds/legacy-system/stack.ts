import type { StackFacet } from '../types';

/** External: not started by the stack; the README says what to configure. */
export const stack: StackFacet = {
  services: null,
  exporter: null,
  requestMetrics: null,
  outside: 'Set its address (and credentials) in `.env`; make sure the stack can reach it from Docker.',
};
