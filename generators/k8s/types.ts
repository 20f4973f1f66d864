import type { Component, Flow } from '../../shared/resolve';
import type { K8sContext } from './context';

/** One Kubernetes object, as plain data (written as one YAML document). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** A key of a Secret. */
export interface SecretRef {
  readonly name: string;
  readonly key: string;
}

/**
 * One environment variable of a container: a value (which may name earlier variables as
 * `$(NAME)`, Kubernetes' dependent variables), or a key of a Secret.
 */
export type EnvEntry = { readonly name: string; readonly value: string } | { readonly name: string; readonly secret: SecretRef };

/**
 * What a kind becomes on Kubernetes (the `k8s` facet of its module): its objects, and the
 * environment a client gets to reach it. Both are pure functions of the resolved model.
 */
export interface K8sFacet {
  /** Adds its objects (workloads, Services, ConfigMaps, operator resources); null: it runs outside the cluster. */
  readonly objects: ((ctx: K8sContext, c: Component) => void) | null;
  /** The environment `client` gets to reach it over `flow`; null: its clients get nothing from it. */
  readonly clientEnv: ((ctx: K8sContext, server: Component, flow: Flow, client: Component) => EnvEntry[]) | null;
  /**
   * Where its catalog credential `key` (e.g. `APP_PASSWORD`) is kept, when its operator wants
   * another shape than the component's `<service>-credentials` Secret; null: that Secret.
   */
  readonly credential: ((ctx: K8sContext, c: Component, key: string) => SecretRef | undefined) | null;
  /**
   * A database read by a CDC connector: the Debezium connector class and settings for it
   * (credentials as `${env:NAME}` of the Connect worker, given in `env`); null: not capturable.
   */
  readonly cdcSource: ((ctx: K8sContext, db: Component, flow: Flow) => CdcSource) | null;
  /**
   * Kafka topics and consumer groups a component keeps for itself on the Kafka it connects to,
   * beyond the channels of the messaging plan (Schema Registry's `_schemas`, a Connect worker's
   * config, offset and status topics): they get KafkaTopics and ACLs too.
   */
  readonly kafkaUse: ((ctx: K8sContext, c: Component) => KafkaUse) | null;
  /** Runs as an operator-managed cluster whose members the `prod` overlay scales (brokers, database instances). */
  readonly clustered: boolean;
}

export interface KafkaUse {
  readonly topics: ReadonlyArray<{ readonly name: string; readonly compact?: boolean }>;
  readonly groups: readonly string[];
}

/** A facet from the answers a kind has; the rest are `null` (nothing to add). */
export function facet(f: Partial<K8sFacet>): K8sFacet {
  return {
    objects: f.objects ?? null,
    clientEnv: f.clientEnv ?? null,
    credential: f.credential ?? null,
    cdcSource: f.cdcSource ?? null,
    kafkaUse: f.kafkaUse ?? null,
    clustered: f.clustered ?? false,
  };
}

export interface CdcSource {
  readonly connectorClass: string;
  /** Maven coordinates of the Debezium plugin (group io.debezium). */
  readonly artifact: string;
  /** The connector setting that lists the captured tables (`table.include.list`, MongoDB's `collection.include.list`). */
  readonly includeKey: string;
  readonly config: Record<string, string | number | boolean>;
  /** Variables the Connect worker needs for `${env:NAME}` in `config`. */
  readonly env: readonly EnvEntry[];
  /** Extra topics the connector writes (schema history), which it needs ACLs and KafkaTopics for. */
  readonly extraTopics?: readonly string[];
}
