/**
 * What the generated manifests assume is installed in the cluster: the operators and
 * controllers, their versions (those of the schemas the tests validate against) and the
 * namespaces they run in (NetworkPolicies let them reach the pods they manage). One place, read
 * by the generator, its README and docs/kubernetes.md.
 */

export interface Operator {
  readonly name: string;
  readonly version: string;
  /** Namespace it is usually installed in (NetworkPolicies name it). */
  readonly namespace: string;
  readonly install: string;
}

export const OPERATORS = {
  strimzi: { name: 'Strimzi', version: '1.2.0 (kafka.strimzi.io/v1)', namespace: 'strimzi', install: 'https://strimzi.io/install/latest?namespace=strimzi' },
  cnpg: { name: 'CloudNativePG', version: '1.30.0 (postgresql.cnpg.io/v1)', namespace: 'cnpg-system', install: 'https://cloudnative-pg.io/documentation/current/installation_upgrade/' },
  rabbitmq: { name: 'RabbitMQ Cluster Operator 2.22.3 and Messaging Topology Operator', version: '1.20.1 (rabbitmq.com/v1beta1)', namespace: 'rabbitmq-system', install: 'https://www.rabbitmq.com/kubernetes/operator/install-operator' },
  gatewayApi: { name: 'Gateway API', version: 'v1.6.1 standard channel (gateway.networking.k8s.io/v1)', namespace: '', install: 'https://gateway-api.sigs.k8s.io/guides/#installing-gateway-api' },
} as const satisfies Record<string, Operator>;

/** Label every pod of a component carries (its service name): NetworkPolicies and Services select on it. */
export const COMPONENT_LABEL = 'topoforge.dev/component';

/** Strimzi's internal listener: the port the model gives Kafka's clients inside the stack. */
export const KAFKA_LISTENER = 'internal';

/** Ports the Kubernetes API server may listen on (operator-managed pods talk to it). */
export const API_SERVER_PORTS = [443, 6443] as const;

/** The cluster DNS (kube-dns / CoreDNS) every pod may reach. */
export const DNS = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } as const;
