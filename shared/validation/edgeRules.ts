import type { KindDef } from '../catalog';
import { edgePropDefs, flowOf, getKind, KINDS } from '../catalog';
import type { Protocol, TopoEdge, TopoNode } from '../model/types';
import { OBSERVABILITY_PROTOCOLS, PROTOCOLS } from '../model/types';
import type { LocalDiag } from './context';
import { displayName, fewText, listText, protocolName, shown } from './format';
import { API_PROTOCOLS, bridges, CDC_SOURCES, HOST_PHRASE, hostKind, isMediated, meantProtocol, MESSAGING, pairFacts, REQUEST_REPLY } from '../catalog';
import type { PropCheck } from './props';
import { checkProps } from './props';

/**
 * Rules that look at one connection and its two ends' kinds and labels: is the protocol one
 * both ends speak, is it drawn the right way, are its settings valid. The result also says
 * which protocol the connection carries, for the design-wide rules.
 */
export interface EdgeLocalResult {
  /** The protocol carried when the connection is valid. */
  protocol: Protocol | undefined;
  /** The data flows `to -> from` (an observability link drawn the other way). */
  flowReversed: boolean;
  diags: LocalDiag[];
}

const KNOWN = new Set<string>(PROTOCOLS);
const OBS = new Set<Protocol>(OBSERVABILITY_PROTOCOLS);
const CDC_NAMES = listText(CDC_SOURCES.map((k) => k.name), 'or');

/** Operational databases (what services read and write); analytics and search targets say how a worker feeds them (`ingestVerb`). */
const isDatabase = (k: KindDef) => !k.ingestVerb && (k.roles.includes('database') || k.roles.includes('cache'));
const hostsKafka = (k: KindDef) => (k.hosts ?? []).includes('kafka');
/** The catalog's CDC connector and Kafka, named in hints. */
const CDC_CONNECTOR = KINDS.find((k) => k.roles.includes('cdc-connector'))?.name ?? 'a CDC connector';
const KAFKA = hostKind('kafka')?.name ?? 'Kafka';

const NO_DIAGS: LocalDiag[] = Object.freeze([]) as unknown as LocalDiag[];

/** Results of valid connections with nothing to say are shared (they are never modified). */
const CLEAN = new Map<string, EdgeLocalResult>();
function clean(protocol: Protocol, flowReversed: boolean): EdgeLocalResult {
  const key = flowReversed ? `${protocol}<` : protocol;
  let r = CLEAN.get(key);
  if (!r) {
    r = Object.freeze({ protocol, flowReversed, diags: NO_DIAGS });
    CLEAN.set(key, r);
  }
  return r;
}

function failed(d: LocalDiag): EdgeLocalResult {
  return { protocol: undefined, flowReversed: false, diags: [d] };
}

/** "; HTTP is taken (the default for REST service; WebSocket would also work)", per kind pair. */
const defaultNotes = new WeakMap<object, string>();
function defaultNote(facts: ReturnType<typeof pairFacts>, T: KindDef, protocol: Protocol): string {
  let note = defaultNotes.get(facts);
  if (note === undefined) {
    const others = facts.viable.filter((p) => p !== protocol).map(protocolName);
    note = `; ${protocolName(protocol)} is taken (the default for ${T.name}; ${listText(others, 'or')} would also work)`;
    defaultNotes.set(facts, note);
  }
  return note;
}

export function edgeLocal(
  edge: TopoEdge,
  from: TopoNode | undefined,
  to: TopoNode | undefined,
  fromDisplay?: string,
  toDisplay?: string,
  fromKind: KindDef | undefined = from ? getKind(from.kind) : undefined,
  toKind: KindDef | undefined = to ? getKind(to.kind) : undefined,
): EdgeLocalResult {
  const fromName = fromDisplay ?? displayName(from, edge.from);
  const toName = toDisplay ?? displayName(to, edge.to);
  const explicit = edge.protocol as string | undefined;

  if (!from || !to) {
    const missing = [!from ? edge.from : undefined, !to ? edge.to : undefined].filter((x): x is string => x !== undefined);
    return failed({
      code: 'TF107',
      message:
        !from && !to
          ? `A connection goes from ${shown(edge.from)} to ${shown(edge.to)}, and neither exists`
          : !to
            ? `A connection from ${fromName} goes to ${shown(edge.to)}, which doesn't exist`
            : `A connection into ${toName} comes from ${shown(edge.from)}, which doesn't exist`,
      hint: `Remove the connection, or add a component with the id ${listText(missing.map((m) => shown(m)), 'or')}.`,
      nodes: [from?.id, to?.id].filter((x): x is string => x !== undefined),
      rel: !from && !to ? '' : !from ? 'from' : 'to',
    });
  }

  if (edge.from === edge.to) {
    return failed({
      code: 'TF104',
      message: `${fromName} is connected to itself`,
      hint: 'Remove this connection: a component calls its own code directly. To process its own messages again, go through a broker (publish to a topic it also consumes).',
      nodes: [from.id],
      rel: '',
    });
  }

  const F = fromKind;
  const T = toKind;
  if (!F || !T) {
    // The unknown kind is reported on the node; the connection can't be judged.
    if (explicit !== undefined && !KNOWN.has(explicit)) return { protocol: undefined, flowReversed: false, diags: [unknownProtocol(explicit, fromName, toName, [from.id, to.id])] };
    return { protocol: undefined, flowReversed: false, diags: NO_DIAGS };
  }

  if (explicit !== undefined && (typeof explicit !== 'string' || !KNOWN.has(explicit))) {
    return failed(unknownProtocol(explicit, fromName, toName, [from.id, to.id], pairFacts(F, T).viable));
  }

  const facts = pairFacts(F, T);
  let protocol: Protocol;
  let diags: LocalDiag[] | undefined;

  const readBack = (P: Protocol): LocalDiag => ({
    code: 'TF905',
    message: `${fromName} → ${toName} is read as ${toName} reading ${fromName} over ${protocolName(P)} (drawn the way the data flows)`,
    hint: `Nothing to do; the stack has ${toName} open the connection. Draw ${toName} → ${fromName} to say it the way a call is drawn.`,
    nodes: [from.id, to.id],
    rel: '',
  });
  if (explicit !== undefined) {
    const written = explicit as Protocol;
    const P = meantProtocol(written, F, T);
    if (P !== written) {
      protocol = P;
      diags = [
        {
          code: 'TF901',
          message: `${fromName} → ${toName} says ${protocolName(written)}: it is read as ${protocolName(P)}, the connection ${toName} makes to ${fromName}`,
          hint: `Set the protocol to "${P}" to say it as the catalog does.`,
          nodes: [from.id, to.id],
          rel: 'protocol',
        },
      ];
    } else if (facts.viable.includes(P)) protocol = P;
    else if (facts.readBack === P) {
      protocol = P;
      diags = [readBack(P)];
    } else return failed(explicitProblem(P, F, T, fromName, toName, [from.id, to.id]));
  } else if (facts.readBack) {
    protocol = facts.readBack;
    diags = [readBack(protocol)];
  } else if (facts.implicit) {
    protocol = facts.implicit;
    if (facts.viable.length > 1) {
      diags = [
        {
          code: 'TF901',
          message: `${fromName} → ${toName} has no protocol set${defaultNote(facts, T, protocol)}`,
          hint: 'Set the protocol on the connection to make the choice explicit.',
          nodes: [from.id, to.id],
          rel: 'protocol',
        },
      ];
    }
  } else if (facts.viable.length > 1) {
    return failed({
      code: 'TF103',
      message: `${fromName} → ${toName} could carry ${listText(facts.viable.map(protocolName), 'or')}, and none is chosen`,
      hint: `Set the connection's protocol to one of ${listText(facts.viable.map((p) => `"${p}"`), 'or')}.`,
      nodes: [from.id, to.id],
      rel: 'protocol',
    });
  } else {
    return failed(noViableProblem(F, T, fromName, toName, [from.id, to.id], undefined));
  }

  const flowReversed = flowOf(F, T, protocol).source === 'to';
  const check = checkProps(defsFor(protocol), edge.props);
  if (check.problems.length || check.unknown.length) {
    diags ??= [];
    propDiags(check, protocol, fromName, toName, [from.id, to.id], diags);
  }
  return diags ? { protocol, flowReversed, diags } : clean(protocol, flowReversed);
}

function propDiags(check: PropCheck, protocol: Protocol, fromName: string, toName: string, ids: string[], diags: LocalDiag[]): void {
  for (const p of check.problems) {
    diags.push({ code: 'TF203', message: `Connection ${fromName} → ${toName}: ${p.problem}`, hint: p.hint, nodes: ids, rel: p.rel });
  }
  for (const key of check.unknown) {
    diags.push({
      code: 'TF902',
      message: `Connection ${fromName} → ${toName} has a setting ${shown(key)} that ${protocolName(protocol)} connections don't have; it is kept but not used`,
      hint: `Check the spelling against the inspector's settings for ${protocolName(protocol)} connections, or leave it if another tool reads it.`,
      nodes: ids,
      rel: `props.${key}`,
    });
  }
}

const defsCache = new Map<Protocol, ReturnType<typeof edgePropDefs>>();
function defsFor(p: Protocol): ReturnType<typeof edgePropDefs> {
  let d = defsCache.get(p);
  if (!d) {
    d = edgePropDefs(p);
    defsCache.set(p, d);
  }
  return d;
}

function unknownProtocol(p: unknown, fromName: string, toName: string, ids: string[], viable: readonly Protocol[] = []): LocalDiag {
  return {
    code: 'TF110',
    message: `${fromName} → ${toName} uses the protocol ${shown(p)}, which Topoforge doesn't know`,
    hint: viable.length
      ? `These two connect over ${listText(viable.map((v) => `"${v}"`), 'or')}; set ${viable.length === 1 ? 'it' : 'one of them'}, or leave the protocol empty.`
      : `Protocols are ${PROTOCOLS.join(', ')}.`,
    nodes: ids,
    rel: 'protocol',
  };
}

const isGateway = (k: KindDef) => k.category === 'gateway';
/** What a gateway (an HTTP proxy) can carry: the API protocols, and S3 (an HTTP API itself). */
const HTTP_BORNE: ReadonlySet<Protocol> = new Set<Protocol>([...API_PROTOCOLS, 's3']);
const takesApi = (k: KindDef) => k.accepts.some((p) => HTTP_BORNE.has(p));

/** An explicit protocol the two ends can't use. */
function explicitProblem(P: Protocol, F: KindDef, T: KindDef, fromName: string, toName: string, ids: string[]): LocalDiag {
  const facts = pairFacts(F, T);
  if (isGateway(F) && !OBS.has(P) && (!HTTP_BORNE.has(P) || !takesApi(T))) return gatewayProblem(F, T, fromName, toName, ids, P);
  if (P === 'cdc' || T.accepts.includes('cdc')) return cdcProblem(F, T, fromName, toName, ids, P);
  if (facts.compatible.includes(P) && isMediated(P)) return mediatedProblem([P], fromName, toName, ids, true);
  if (facts.viable.length > 0) {
    const why = !F.emits.includes(P)
      ? `${fromName} doesn't send ${protocolName(P)}`
      : !T.accepts.includes(P)
        ? `${toName} doesn't take ${protocolName(P)}`
        : `${protocolName(P)} doesn't work in this direction`;
    const implicit = facts.implicit;
    return {
      code: 'TF102',
      message: `${fromName} → ${toName} can't use ${protocolName(P)}: ${why}; these two connect over ${listText(facts.viable.map(protocolName), 'or')}`,
      hint: `Change the protocol to ${listText(facts.viable.map((v) => `"${v}"`), 'or')}${implicit ? `, or leave it empty to take ${protocolName(implicit)}` : ''}.`,
      nodes: ids,
      rel: 'protocol',
    };
  }
  return noViableProblem(F, T, fromName, toName, ids, P);
}

/** No protocol fits the two ends: say why in the words of the common mistake. */
function noViableProblem(F: KindDef, T: KindDef, fromName: string, toName: string, ids: string[], P: Protocol | undefined): LocalDiag {
  const facts = pairFacts(F, T);
  if (isGateway(F)) return gatewayProblem(F, T, fromName, toName, ids, P);
  if (T.accepts.includes('cdc')) return cdcProblem(F, T, fromName, toName, ids, P);
  if (facts.compatible.length > 0) return mediatedProblem(facts.compatible.filter(isMediated), fromName, toName, ids, false);

  const reverse = pairFacts(T, F);
  if (reverse.viable.length > 0) {
    const rp = reverse.implicit ?? reverse.viable[0]!;
    const verb = REQUEST_REPLY.has(rp) ? 'calls' : 'sends to';
    return {
      code: 'TF108',
      message: `${fromName} → ${toName} is drawn backwards: ${toName} ${verb} ${fromName} over ${protocolName(rp)}`,
      hint: `Reverse the arrow (${toName} → ${fromName}). Arrows point the way data flows: from caller to callee, from producer to broker to consumer.`,
      nodes: ids,
      rel: '',
    };
  }

  const rel = P ? 'protocol' : '';
  // A broker into a database: the classic missing consumer.
  if (F.category === 'broker' && isDatabase(T)) {
    const kafka = hostsKafka(F);
    return {
      code: 'TF101',
      message: `${toName} can't consume from ${fromName}: add ${kafka ? 'a Debezium sink or a worker' : 'a worker'} between them`,
      hint: `Databases don't read from brokers. Draw ${fromName} → a worker that consumes the messages → ${toName} (it writes over ${protocolName(T.accepts[0])})${kafka ? ', or run a Kafka Connect sink connector such as the Debezium JDBC sink' : ''}.`,
      nodes: ids,
      rel,
    };
  }
  if (F.category === 'broker' && T.ingestVerb) {
    return {
      code: 'TF101',
      message: `${toName} can't consume from ${fromName}: add a worker between them that ${T.ingestVerb}`,
      hint: `Draw ${fromName} → a worker (or a Flink job) → ${toName}${hostsKafka(F) ? '; a Kafka Connect sink connector does the same job' : ''}.`,
      nodes: ids,
      rel,
    };
  }
  if (F.emits.includes('cdc') && T.category === 'broker') {
    return {
      code: 'TF101',
      message: `${fromName} can't publish to ${toName} by itself: use ${CDC_CONNECTOR} CDC (${fromName} → ${CDC_CONNECTOR} → ${hostsKafka(T) ? toName : KAFKA})`,
      hint: hostsKafka(T)
        ? `Add a ${CDC_CONNECTOR} node, draw ${fromName} → ${CDC_CONNECTOR} (CDC) and ${CDC_CONNECTOR} → ${toName}. Or have the service that writes the database publish events itself (outbox pattern).`
        : `${CDC_CONNECTOR} writes to ${KAFKA}. Draw ${fromName} → ${CDC_CONNECTOR} → a ${KAFKA}, or have the service that writes the database publish to ${toName} itself (outbox pattern).`,
      nodes: ids,
      rel,
    };
  }
  if (F.category === 'store' && F.emits.length === 0) {
    return {
      code: 'TF101',
      message: `${fromName} doesn't send data anywhere by itself, so it can't feed ${toName}`,
      hint: `Components read from ${F.name}: draw the reader → ${fromName}, and have that reader send on to ${toName}.`,
      nodes: ids,
      rel,
    };
  }
  const via = bridges(F, T).slice(0, 3);
  const sends = F.emits.length ? `sends ${listText(F.emits.map(protocolName))}` : 'sends nothing';
  const takes = T.accepts.length ? `takes ${listText(T.accepts.map(protocolName))}` : 'takes nothing';
  return {
    code: 'TF101',
    message: `${fromName} can't send to ${toName}: they share no protocol (${F.name} ${sends}; ${T.name} ${takes})`,
    hint: via.length
      ? `Put ${fewText(via.map((k) => `a ${k.name}`).map((s) => s.replace(/^a ([AEIOU])/, 'an $1')))} between them, or remove the connection.`
      : "These two can't be connected, even through another component; remove the connection.",
    nodes: ids,
    rel,
  };
}

function gatewayProblem(F: KindDef, T: KindDef, fromName: string, toName: string, ids: string[], P: Protocol | undefined): LocalDiag {
  let fix: string;
  if (T.category === 'broker') fix = `Route to a service that publishes to ${toName} (or a REST proxy for ${T.name}) instead.`;
  else if (T.category === 'store') fix = `Route to the service that owns ${toName}; clients should not reach a data store through the gateway.`;
  else if (T.accepts.length && T.accepts.every((p) => MESSAGING.has(p) || p === 'sftp' || p === 's3')) fix = `${T.name}s take messages from a broker: route to an API that publishes the work to a broker ${toName} consumes.`;
  else fix = `Route to an HTTP, gRPC or GraphQL service instead, or remove the connection.`;
  const takes = T.accepts.length ? `${toName} takes ${listText(T.accepts.map(protocolName))}` : `${toName} takes no connections`;
  return {
    code: 'TF105',
    message: `${fromName} routes only HTTP, gRPC, GraphQL and WebSocket traffic${P && !API_PROTOCOLS.has(P) ? `, not ${protocolName(P)}` : ''}; ${takes}`,
    hint: fix,
    nodes: ids,
    rel: P ? 'protocol' : '',
  };
}

function cdcProblem(F: KindDef, T: KindDef, fromName: string, toName: string, ids: string[], P: Protocol | undefined): LocalDiag {
  const rel = P ? 'protocol' : '';
  if (T.accepts.includes('cdc') && !F.emits.includes('cdc')) {
    return {
      code: 'TF106',
      message: `${toName} captures changes from ${CDC_NAMES} only; ${fromName} isn't a database it can read`,
      hint:
        F.category === 'store'
          ? `${F.name} has no change stream Debezium reads. Capture the changes where they are written instead, or publish them from the service.`
          : `Draw the database ${fromName} writes to → ${toName}. To publish events from ${fromName} itself, draw ${fromName} → Kafka.`,
      nodes: ids,
      rel,
    };
  }
  if (F.emits.includes('cdc')) {
    return {
      code: 'TF106',
      message: `Change data capture from ${fromName} goes into Debezium, not ${toName}`,
      hint: `Draw ${fromName} → Debezium (CDC), then Debezium → Kafka; consumers read the change topics from Kafka.`,
      nodes: ids,
      rel,
    };
  }
  return {
    code: 'TF106',
    message: `${fromName} → ${toName} can't carry change data capture: CDC goes from ${CDC_NAMES} into Debezium`,
    hint: `Change the protocol, or draw the database → Debezium → Kafka.`,
    nodes: ids,
    rel,
  };
}

function what(p: Protocol): string {
  if (p === 'sftp') return 'files over SFTP';
  if (p === 's3') return 'S3 objects';
  return `${protocolName(p)} messages`;
}

function mediatedProblem(protocols: Protocol[], fromName: string, toName: string, ids: string[], explicit: boolean): LocalDiag {
  const p = protocols[0]!;
  const phrase = HOST_PHRASE[p] ?? 'a broker';
  const host = hostKind(p);
  const names = protocols.map(protocolName);
  return {
    code: 'TF109',
    message: explicit
      ? `${fromName} and ${toName} can't exchange ${what(p)} directly: ${protocolName(p)} needs ${phrase} between them`
      : `${fromName} can't send to ${toName} directly: they only share ${listText(names, 'and')}, which need a broker or server between them`,
    hint: `Put ${phrase} between them: ${fromName} → ${host ? host.name : 'broker'} → ${toName}${explicit ? '' : '. Or, for a direct call, connect two components that share HTTP or gRPC'}.`,
    nodes: ids,
    rel: explicit ? 'protocol' : '',
  };
}
