import type { KindId } from '../../shared/catalog';
import { BROKER_HANDLERS } from '../stack/brokers';
import { GATEWAY_HANDLERS } from '../stack/gateways';
import { OBSERVABILITY_HANDLERS } from '../stack/observability';
import { SECURITY_HANDLERS } from '../stack/security';
import { SERVICE_HANDLERS } from '../stack/services';
import { STORE_HANDLERS } from '../stack/stores';
import { STREAMING_HANDLERS } from '../stack/streaming';
import type { KindModule } from './types';

/**
 * The stack's handlers as they were before each kind got its module: each kind's `stack.ts`
 * takes its handler over, and this file goes when the last one has.
 */
const STACK = { ...SERVICE_HANDLERS, ...GATEWAY_HANDLERS, ...STREAMING_HANDLERS, ...BROKER_HANDLERS, ...STORE_HANDLERS, ...OBSERVABILITY_HANDLERS, ...SECURITY_HANDLERS };

export const stackOf = (id: KindId): KindModule['stack'] => STACK[id] ?? null;
