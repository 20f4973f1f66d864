import type { Component } from '../../../shared/resolve';

/** The JetStream stream of a NATS broker: its service name in upper snake case (ORDERS_BUS). */
export const streamName = (n: Component): string => n.envPrefix;
