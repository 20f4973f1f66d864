import type { Resolver } from '../context';
import { filled, names, open, protocolName, protocolsOf } from '../context';
import { deadLetters } from '../facts';
import { andList, md } from '../markdown';

/** Integration Overview: the design's name and requirements. */

const reqText = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const reqList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);

export const overview: Record<string, Resolver> = {
  INTEGRATION_NAME: (c) => (c.doc.name?.trim() ? filled(md(c.doc.name, 200)) : open('the design has no name', 'name it in the design’s settings')),

  INTEGRATION_TYPE: (c) => {
    const own = reqText(c.req.integrationType);
    if (own) return filled(md(own, 200));
    const ps = protocolsOf(c.dataEdges());
    if (!ps.length) return open('the design has no connections yet', 'draw connections, or set the integration type in the requirements');
    const kinds: string[] = [];
    if (ps.some((p) => ['http', 'grpc', 'graphql', 'websocket'].includes(p))) kinds.push('API');
    if (ps.some((p) => ['kafka', 'amqp', 'mqtt', 'nats', 'jms'].includes(p))) kinds.push(c.ofKind('flink').length ? 'real-time streaming' : 'event-driven messaging');
    if (ps.includes('cdc')) kinds.push('change data capture');
    if (ps.some((p) => ['sftp', 's3'].includes(p)) || c.ofKind('batch-job').length) kinds.push('batch/file');
    if (ps.some((p) => ['sql', 'mongodb', 'redis'].includes(p)) && !kinds.length) kinds.push('database');
    const type = kinds.length > 1 ? `hybrid: ${andList(kinds)} integration` : `${kinds[0] ?? 'point-to-point'} integration`;
    return filled(`${type} (from the connections drawn: ${andList(ps.map(protocolName))})`, type);
  },

  BUSINESS_PURPOSE: (c) => {
    const own = reqText(c.req.businessPurpose);
    if (own) return filled(md(own, 300));
    if (c.doc.description?.trim()) return filled(`${md(c.doc.description, 300)} (the design’s description)`, md(c.doc.description.trim().replace(/[.!]+$/, ''), 120));
    return open('no business purpose in the requirements', 'write the purpose in the design’s requirements (Business purpose)');
  },

  INTEGRATION_SCOPE: (c) => {
    const own = reqText(c.req.scope);
    if (own) return filled(md(own, 300));
    const systems = c.nodes.filter((n) => n.kind && ['service', 'store'].includes(n.kind.category));
    if (!systems.length) return open('the design has no systems yet', 'add the services, stores and external systems in scope');
    return filled(`${systems.length} systems drawn: ${names(systems, 15)}`, names(systems, 6));
  },

  STAKEHOLDERS: (c) => {
    const own = reqText(c.req.stakeholders);
    return own ? filled(md(own, 300)) : open('no stakeholders in the requirements', 'list the teams involved in the design’s requirements (Stakeholders)');
  },

  PERFORMANCE_REQUIREMENTS: (c) => {
    const p99 = c.req.latencyP99Ms;
    return typeof p99 === 'number' ? filled(`p99 latency under ${p99} ms end to end`, `p99 <${p99} ms`) : open('no latency target in the requirements', 'set the p99 latency requirement (ms)');
  },

  SCALABILITY_REQUIREMENTS: (c) => {
    const tps = c.req.throughputTps;
    const scaled = c.nodes.filter((n) => (typeof n.props.replicas === 'number' ? n.props.replicas : 1) > 1);
    const parts: string[] = [];
    if (typeof tps === 'number') parts.push(`${tps.toLocaleString('en-US')} TPS`);
    if (scaled.length) parts.push(`scaled out: ${andList(scaled.map((n) => `${names([n])} ×${String(n.props.replicas)}`))}`);
    if (!parts.length) return open('no throughput target in the requirements and every component runs once', 'set the throughput requirement (TPS) and the replicas of the services');
    return filled(parts.join('; '), typeof tps === 'number' ? `${tps.toLocaleString('en-US')} TPS` : undefined);
  },

  RELIABILITY_REQUIREMENTS: (c) => {
    const avail = reqText(c.req.availability);
    const dl = deadLetters(c);
    const parts: string[] = [];
    if (avail) parts.push(`${md(avail, 40)} availability`);
    if (dl.length) parts.push(`failed messages kept in ${dl.length} dead-letter ${dl.length === 1 ? 'destination' : 'destinations'}`);
    if (!parts.length) return open('no availability target in the requirements', 'set the availability requirement (e.g. 99.9%)');
    return filled(parts.join('; '), avail ? `${md(avail, 40)} availability` : undefined);
  },

  SECURITY_REQUIREMENTS: (c) => {
    const list = reqList(c.req.security);
    return list.length ? filled(andList(list.map((s) => md(s, 80)), 20)) : open('no security standards in the requirements', 'list them in the requirements (Security, e.g. PCI DSS, mTLS everywhere)');
  },

  COMPLIANCE_REQUIREMENTS: (c) => {
    const list = reqList(c.req.compliance);
    return list.length ? filled(andList(list.map((s) => md(s, 80)), 20)) : open('no regulations in the requirements', 'list them in the requirements (Compliance, e.g. SOX, GDPR)');
  },
};
