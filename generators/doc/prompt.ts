import type { Ctx } from './context';
import type { DocumentModel } from './index';
import { andList } from './markdown';

/**
 * The Prompt Template as one readable paragraph: a sentence per part of the design, made only of
 * answers that are stated from the design or decided in its requirements. An open field is left
 * out, never written as "(not decided)"; a sentence with nothing decided is dropped.
 */
export function promptParagraph(ctx: Ctx, model: DocumentModel): string {
  const v = (name: string): string | undefined => {
    const f = model.fields.get(name);
    return f && (f.state === 'fact' || f.state === 'decided') && f.short ? f.short : undefined;
  };
  const list = (...xs: (string | undefined | false)[]): string[] => xs.filter((x): x is string => !!x);
  const sentences: string[] = [];

  const name = v('INTEGRATION_NAME') ?? 'this integration';
  const type = v('INTEGRATION_TYPE');
  const purpose = v('BUSINESS_PURPOSE');
  const scope = v('INTEGRATION_SCOPE');
  sentences.push(`Design the integration architecture of ${name}${type ? `, ${article(type)} ${type}` : ''}${purpose ? ` for ${purpose}` : ''}${scope ? `, across ${scope}` : ''}.`);

  const targets = list(v('PERFORMANCE_REQUIREMENTS'), v('SCALABILITY_REQUIREMENTS'), v('RELIABILITY_REQUIREMENTS'));
  const rules = list(v('SECURITY_REQUIREMENTS'), v('COMPLIANCE_REQUIREMENTS'));
  if (targets.length || rules.length) sentences.push(`It must meet ${targets.length ? andList(targets) : 'its requirements'}${rules.length ? `, under ${andList(rules)}` : ''}.`);

  const src = v('SOURCE_SYSTEMS');
  const dst = v('TARGET_SYSTEMS');
  const layer = v('INTEGRATION_LAYER');
  if (src && dst) sentences.push(`Data flows from ${src} to ${dst}${layer ? ` through ${layer}` : ''}.`);
  else if (layer) sentences.push(`The integration layer is ${layer}.`);
  const wire = list(v('COMMUNICATION_PROTOCOLS') && `over ${v('COMMUNICATION_PROTOCOLS')}`, v('DATA_FORMATS') && `in ${v('DATA_FORMATS')}`);
  const patterns = v('MESSAGE_PATTERNS');
  const topo = v('INTEGRATION_TOPOLOGY');
  if (wire.length) sentences.push(`Systems talk ${wire.join(' ')}${patterns ? `, with ${patterns}` : ''}${topo ? `, in ${article(topo)} ${topo} topology` : ''}.`);
  const net = v('NETWORK_ARCHITECTURE');
  const secArch = v('SECURITY_ARCHITECTURE');
  if (net) sentences.push(`It runs on ${net}${secArch ? `, with ${secArch}` : ''}.`);
  else if (secArch) sentences.push(`Its security architecture is ${secArch}.`);

  const gw = v('API_GATEWAY');
  const style = v('API_DESIGN_STYLE');
  const apiBits = list(v('AUTHENTICATION_METHOD') && `authenticates them with ${v('AUTHENTICATION_METHOD')}`, v('AUTHORIZATION_MODEL') && `authorizes with ${v('AUTHORIZATION_MODEL')}`, v('RATE_LIMITING') && `allows ${v('RATE_LIMITING')}`, v('API_VERSIONING') && `uses ${v('API_VERSIONING')}`);
  if (gw) sentences.push(`Callers reach the APIs${style ? ` (${style})` : ''} through ${gw}${apiBits.length ? `, which ${andList(apiBits)}` : ''}.`);
  else if (style) sentences.push(`The APIs are ${style}.`);
  const errApi = v('API_ERROR_HANDLING');
  if (errApi) sentences.push(`Calls are protected by ${errApi}.`);

  const broker = v('MESSAGE_BROKER');
  if (broker) {
    const bits = list(v('MESSAGING_PARADIGM'), v('MESSAGE_SERIALIZATION'), v('MESSAGE_ACKNOWLEDGMENT'));
    const dlq = v('DEAD_LETTER_HANDLING');
    sentences.push(`${cap(broker)} ${broker.includes(' and ') ? 'carry' : 'carries'} the messages${bits.length ? ` (${bits.join(', ')})` : ''}${dlq ? `, with ${dlq} for what fails` : ''}.`);
  }
  const eventsUsed = model.sections.find((s) => s.title === 'Event-Driven Architecture')?.unused === undefined;
  const schema = v('EVENT_SCHEMA');
  const versioning = v('EVENT_VERSIONING');
  const replay = v('EVENT_REPLAY');
  const flow = v('EVENT_CHOREOGRAPHY');
  if (eventsUsed && (schema || flow)) sentences.push(`Events ${andList(list(schema && `carry ${schema}${versioning ? ` (${versioning})` : ''}`, flow && `flow by ${flow}`))}${replay ? `; consumers can replay them (${replay})` : ''}.`);
  const strategy = v('SYNCHRONIZATION_STRATEGY');
  const consistency = v('DATA_CONSISTENCY_MODEL');
  const cdc = v('CHANGE_DATA_CAPTURE');
  if (strategy || cdc) sentences.push(`Data is synchronised by ${strategy ?? 'change data capture'}${consistency ? ` (${consistency})` : ''}${cdc ? `, with ${cdc} capturing the changes` : ''}.`);
  const streamUsed = model.sections.find((s) => s.title === 'Real-time Integration')?.unused === undefined;
  const proc = v('STREAM_PROCESSING');
  const streamBits = list(v('TIME_WINDOW_PROCESSING'), v('STATE_MANAGEMENT'), v('EXACTLY_ONCE_PROCESSING'));
  const within = v('LATENCY_REQUIREMENTS');
  if (streamUsed && proc) sentences.push(`Streams are processed by ${proc}${streamBits.length ? ` with ${andList(streamBits)}` : ''}${within ? `, within ${within}` : ''}.`);
  const batch = v('BATCH_FRAMEWORK');
  const sched = v('JOB_SCHEDULING');
  if (batch) sentences.push(`Batch work runs as ${batch}${sched ? `, scheduled by ${sched}` : ''}.`);
  const files = v('FILE_TRANSFER_PROTOCOL');
  if (files) sentences.push(`Files move over ${files}${v('FILE_FORMATS') ? ` as ${v('FILE_FORMATS')}` : ''}.`);

  const decidedOnly = (n: string) => (model.fields.get(n)?.state === 'decided' ? v(n) : undefined);
  const sec = list(v('INTEGRATION_AUTHENTICATION'), v('INTEGRATION_ENCRYPTION'), v('INTEGRATION_NETWORK_SECURITY'), decidedOnly('MESSAGE_SECURITY'), v('IDENTITY_MANAGEMENT') && `identities in ${v('IDENTITY_MANAGEMENT')}`, v('KEY_MANAGEMENT') && `keys in ${v('KEY_MANAGEMENT')}`);
  if (sec.length) sentences.push(`Security relies on ${andList(sec)}.`);
  const err = list(v('RETRY_STRATEGIES') && `${v('RETRY_STRATEGIES')} retries`, v('INTEGRATION_CIRCUIT_BREAKER'), v('INTEGRATION_DEAD_LETTER_QUEUES'));
  if (err.length) sentences.push(`Failures are handled with ${andList(err)}${v('ALERT_MANAGEMENT') ? `, and alerts go to ${v('ALERT_MANAGEMENT')}` : ''}.`);
  const mon = list(v('INTEGRATION_MONITORING'), v('ALERTING_STRATEGY') && `${v('ALERTING_STRATEGY')} alerts`, v('DISTRIBUTED_TRACING') && `traces in ${v('DISTRIBUTED_TRACING')}`, v('MONITORING_DASHBOARD_DESIGN'), v('LOG_AGGREGATION') && `logs in ${v('LOG_AGGREGATION')}`);
  if (mon.length) sentences.push(`It is observed through ${andList(mon)}.`);
  const ops = list(v('INTEGRATION_TESTING') && `tested ${v('INTEGRATION_TESTING')}`, v('INTEGRATION_DEPLOYMENT_STRATEGY') && `deployed with ${v('INTEGRATION_DEPLOYMENT_STRATEGY')}`, v('INTEGRATION_CICD_PIPELINE') && `built by ${v('INTEGRATION_CICD_PIPELINE')}`);
  if (ops.length) sentences.push(`It is ${andList(ops)}.`);

  sentences.push('Please provide detailed architecture diagrams, implementation specifications, configuration examples, testing strategies and operational procedures, with specific recommendations for the target platform.');
  void ctx;
  return sentences.join(' ');
}

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase.replace(/^[^A-Za-z]+/, '')) ? 'an' : 'a';
}

function cap(s: string): string {
  if (s.startsWith('`')) return s;
  const i = s.search(/[A-Za-z]/);
  return i < 0 ? s : s.slice(0, i) + s[i]!.toUpperCase() + s.slice(i + 1);
}
