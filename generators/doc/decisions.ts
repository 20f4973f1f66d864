import { integrationTemplate } from './template';

/**
 * The questions of the fields a drawing cannot answer: each with its section, what the template
 * says it is, why it matters, the choices the template itself offers (its Variables table) and a
 * suggestion from the design where there is one. An answer is written to the design's
 * `requirements` under the field's key (the template variable in camelCase, documented in
 * docs/file-format.md; the Integration Overview's fields use the keys the checks read).
 */

export interface Question {
  readonly variable: string;
  /** The requirements key an answer is written to. */
  readonly key: string;
  readonly section: string;
  /** The field as the template labels it ("Job Scheduling"). */
  readonly label: string;
  /** What the template says the field is ("Scheduler platform"). */
  readonly description: string;
  /** Why the answer matters (plain text). */
  readonly why: string;
  /** Why the drawing does not answer it (inline Markdown). */
  readonly reason: string;
  /** The template's own examples, in its order. */
  readonly choices: readonly string[];
  readonly suggestion?: { readonly value: string; readonly because: string };
  /** How an answer is written: text, a number (with its unit), or a list of texts. */
  readonly input: 'text' | 'number' | 'list';
  readonly unit?: string;
}

/** Keys of the Integration Overview fields: those the checks and the stack read. */
const OWN_KEYS: Record<string, { key: string; input: Question['input']; unit?: string }> = {
  INTEGRATION_NAME: { key: 'integrationName', input: 'text' },
  INTEGRATION_TYPE: { key: 'integrationType', input: 'text' },
  BUSINESS_PURPOSE: { key: 'businessPurpose', input: 'text' },
  INTEGRATION_SCOPE: { key: 'scope', input: 'text' },
  STAKEHOLDERS: { key: 'stakeholders', input: 'text' },
  PERFORMANCE_REQUIREMENTS: { key: 'latencyP99Ms', input: 'number', unit: 'ms (p99)' },
  SCALABILITY_REQUIREMENTS: { key: 'throughputTps', input: 'number', unit: 'TPS' },
  RELIABILITY_REQUIREMENTS: { key: 'availability', input: 'text' },
  SECURITY_REQUIREMENTS: { key: 'security', input: 'list' },
  COMPLIANCE_REQUIREMENTS: { key: 'compliance', input: 'list' },
};

/** The requirements key that answers a variable: `JOB_SCHEDULING` → `jobScheduling`. */
export function requirementKey(variable: string): string {
  return OWN_KEYS[variable]?.key ?? variable.toLowerCase().replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

export function inputOf(variable: string): { input: Question['input']; unit?: string } {
  const own = OWN_KEYS[variable];
  return own ? { input: own.input, ...(own.unit ? { unit: own.unit } : {}) } : { input: 'text' };
}

/** Why a section's answers matter, when a field has no sentence of its own. */
const SECTION_WHY: Record<string, string> = {
  'Integration Overview': 'The targets every other answer is measured against: the stack’s timeouts and alerts read them.',
  'System Architecture': 'The shape of the integration: what the rest of the document builds on.',
  'API Integration Patterns': 'How callers reach the APIs and what they may do there.',
  'Messaging Patterns': 'How messages survive failures and arrive in order, or not.',
  'Event-Driven Architecture': 'How events stay readable and replayable as producers and consumers change apart.',
  'Data Synchronization': 'How copies of the data stay right and how far behind they may be.',
  'Enterprise Service Bus': 'Whether a central bus mediates the integration.',
  'Microservices Integration': 'How services find, call and protect each other.',
  'Data Integration': 'Who owns which data and where it is allowed to flow.',
  'Real-time Integration': 'How fast the streams must be processed and what happens under load.',
  'Batch Integration': 'When the jobs run and what a failed run costs.',
  'File-Based Integration': 'How files are checked, protected and cleaned up.',
  'Database Integration': 'How the services use their databases safely under load.',
  'Cloud Integration': 'Where the integration runs in production and what it costs there.',
  'Security Integration': 'What an attacker meets at each boundary.',
  'Error Handling': 'What happens to a failure, and who hears about it.',
  'Monitoring and Observability': 'How the team learns that something is wrong before users do.',
  'Testing Strategy': 'How a change is proven before it reaches production.',
  'Deployment and Operations': 'How changes reach production and how they are undone.',
};

/** Why a field matters, where the section's sentence is not enough. */
const WHY: Record<string, string> = {
  INTEGRATION_NAME: 'It names the design, the bundle and the dashboards.',
  STAKEHOLDERS: 'They own the decisions left open here and answer the alerts.',
  PERFORMANCE_REQUIREMENTS: 'The p99 latency becomes the timeout of every call without its own, and the threshold of the latency alerts.',
  SCALABILITY_REQUIREMENTS: 'Throughput decides partitions and replicas; above 1,000 TPS the template says go asynchronous.',
  RELIABILITY_REQUIREMENTS: 'Availability sets how much downtime the alerts and the support model must prevent.',
  SECURITY_REQUIREMENTS: 'Standards such as PCI DSS decide encryption, authentication and audit needs.',
  COMPLIANCE_REQUIREMENTS: 'Regulations decide data residency, retention and audit trails.',
  AUTHENTICATION_METHOD: 'An unauthenticated gateway lets anyone on its network call every route.',
  AUTHORIZATION_MODEL: 'Decides who may do what once authenticated.',
  RATE_LIMITING: 'Protects the services from a caller that floods them.',
  API_VERSIONING: 'Lets an API change without breaking its callers.',
  API_ERROR_HANDLING: 'Callers need one error shape to retry or give up correctly.',
  MESSAGE_SERIALIZATION: 'Producers and consumers must agree on the bytes; a schema lets them evolve apart.',
  MESSAGE_TRANSFORMATION: 'Decides where messages change shape between systems.',
  EVENT_SCHEMA: 'Consumers need to know what an event holds to read it safely.',
  EVENT_VERSIONING: 'Decides whether a new event version breaks existing consumers.',
  EVENT_ORCHESTRATION: 'A flow across services needs someone, or something, to know its state.',
  EVENT_STORE: 'Where events are kept decides how far back they can be replayed.',
  EVENT_GOVERNANCE: 'Without it, topics and schemas multiply without owners.',
  CONFLICT_RESOLUTION: 'Two writers on one record need a rule for whose write wins.',
  CHANGE_DATA_CAPTURE: 'Decides how changes leave the databases without dual writes.',
  SAGA_PATTERN: 'A business transaction across services needs a way to undo its finished steps.',
  CIRCUIT_BREAKER: 'Stops one slow dependency from exhausting its callers.',
  BULKHEAD_PATTERN: 'Keeps one overloaded dependency from taking every thread.',
  DATA_MAPPING: 'Shows where each field comes from when data changes shape.',
  MASTER_DATA_MANAGEMENT: 'Each entity needs one system of record, or copies drift.',
  DATA_CATALOG: 'People need to find the data and its owner.',
  DATA_GOVERNANCE: 'Decides who may use which data, for what.',
  REALTIME_ANALYTICS: 'Decides where live numbers are computed and queried.',
  EXACTLY_ONCE_PROCESSING: 'At-least-once delivery repeats messages; processing must tolerate it.',
  FILE_VALIDATION: 'A truncated or malformed file must not be loaded.',
  FILE_ENCRYPTION: 'Files at rest outside the services are an easy leak.',
  STORED_PROCEDURES: 'Logic in the database is hard to test and version with the services.',
  QUERY_OPTIMIZATION: 'The latency target holds only if the queries are indexed.',
  CLOUD_STRATEGY: 'Decides where the stack’s containers run in production.',
  MULTI_CLOUD_INTEGRATION: 'Several clouds multiply networks, identities and costs.',
  SERVERLESS_INTEGRATION: 'Serverless pieces change scaling, cold starts and cost.',
  CLOUD_SECURITY: 'Cloud identities and network rules replace the stack’s local networks.',
  CLOUD_COST_OPTIMIZATION: 'The bill follows the peak unless capacity follows the load.',
  CLOUD_PERFORMANCE: 'Distance to users and external systems adds latency.',
  INTEGRATION_ENCRYPTION: 'The starter stack sends everything in plain text; production must not.',
  KEY_MANAGEMENT: 'Secrets in .env files are copied around; a manager rotates and audits them.',
  INTEGRATION_AUDIT_LOGGING: 'Security reviews and incidents need a record of who did what.',
  INTEGRATION_COMPLIANCE_MONITORING: 'Compliance must be shown, not assumed.',
  COMPENSATION_ACTIONS: 'A flow that fails half-way must undo what it already did.',
  ERROR_LOGGING: 'Failures are found from logs: they must be searchable and correlated.',
  ALERT_MANAGEMENT: 'An alert nobody receives does not help.',
  ESCALATION_PROCEDURES: 'Decides who is woken up, and when.',
  BUSINESS_METRICS: 'Technical metrics can be green while the business is not.',
  LOG_AGGREGATION: 'Logs spread over containers are lost when the containers go.',
  DISTRIBUTED_TRACING: 'A slow request across services is found only with traces.',
  INTEGRATION_TESTING: 'Proves the pieces work together, not only alone.',
  CONTRACT_TESTING: 'Catches a breaking API change before the caller does.',
  INTEGRATION_E2E_TESTING: 'Proves a user’s path through every piece.',
  INTEGRATION_PERFORMANCE_TESTING: 'Shows whether the latency and throughput targets hold.',
  INTEGRATION_LOAD_TESTING: 'Shows where the design breaks and how it recovers.',
  CHAOS_TESTING: 'Shows that retries, dead letters and alerts work when something fails.',
  INTEGRATION_TEST_DATA: 'Tests need realistic data without leaking real data.',
  INTEGRATION_TEST_AUTOMATION: 'Tests that do not run on every change stop being trusted.',
  INTEGRATION_DEPLOYMENT_STRATEGY: 'Decides whether a release can take the integration down.',
  INTEGRATION_CICD_PIPELINE: 'Builds, tests and ships every change the same way.',
  INTEGRATION_ENVIRONMENT_MANAGEMENT: 'Staging and production need the same wiring as the stack.',
  INTEGRATION_VERSION_CONTROL: 'The design file, the code and the configs change together.',
  INTEGRATION_RELEASE_MANAGEMENT: 'Decides who may release and when.',
  INTEGRATION_ROLLBACK_PROCEDURES: 'A bad release must be undone quickly, schemas included.',
  SUPPORT_MODEL: 'Decides who answers when the integration fails at night.',
  RESOURCE_MANAGEMENT: 'Jobs without limits can starve the services next to them.',
  BATCH_TUNING: 'Run times grow with the data; tuning keeps them inside the window.',
};

/** The question for an open field. */
export function questionFor(variable: string, section: string, label: string, reason: string, suggestion: { value: string; because: string } | undefined): Question {
  const info = integrationTemplate().variables.get(variable);
  const { input, unit } = inputOf(variable);
  return {
    variable,
    key: requirementKey(variable),
    section,
    label,
    description: info?.description ?? label,
    why: WHY[variable] ?? SECTION_WHY[section] ?? '',
    reason,
    choices: info?.examples ?? [],
    ...(suggestion ? { suggestion } : {}),
    input,
    ...(unit ? { unit } : {}),
  };
}
