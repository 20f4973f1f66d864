/**
 * The numbers the checks assume. They are rules of thumb, stated in the messages and in
 * docs/diagnostics.md, not measurements of any particular deployment.
 */

/** Messages per second one consumer of one Kafka partition keeps up with (TF402). */
export const KAFKA_MSGS_PER_PARTITION = 1_000;

/** Messages per second a single RabbitMQ queue carries before it becomes the bottleneck (TF403). */
export const RABBITMQ_QUEUE_MAX_MSGS = 20_000;

/** Above this load, the template's rule is to go asynchronous (TF404). */
export const SYNC_TPS_MAX = 1_000;

/** Synchronous hops a call chain may have without any timeout or circuit breaker (TF305). */
export const MAX_UNGUARDED_HOPS = 3;

/** Availability from which metrics and dashboards are expected (TF503, TF504). */
export const HIGH_AVAILABILITY_PERCENT = 99.9;
