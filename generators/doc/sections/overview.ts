import type { Section } from '../answer';
import { fact, open } from '../answer';
import { count, names, plural, protocolName, svc } from '../context';
import { brokers, isSystem, noDeadLetter } from '../facts';
import { andList, md } from '../markdown';

/** Integration Overview: the design's name and its requirements (the numbers the stack is sized and alerted by). */

export const overview: Section = {
  title: 'Integration Overview',
  ownKeys: ['INTEGRATION_TYPE', 'BUSINESS_PURPOSE', 'INTEGRATION_SCOPE', 'STAKEHOLDERS', 'PERFORMANCE_REQUIREMENTS', 'SCALABILITY_REQUIREMENTS', 'RELIABILITY_REQUIREMENTS', 'SECURITY_REQUIREMENTS', 'COMPLIANCE_REQUIREMENTS'],
  fields: {
    INTEGRATION_NAME: (c) => (c.doc.name?.trim() ? fact(md(c.doc.name, 200)) : open('the design has no name')),

    INTEGRATION_TYPE: (c) => {
      const own = c.reqText('integrationType');
      const kinds: string[] = [];
      if (c.flows('call').length) kinds.push('API');
      if (c.plans().some((p) => p.publications.length || p.subscriptions.length)) kinds.push(c.has('stream-processor') || c.plans().some((p) => c.facet(p.broker).broker?.streaming(p.broker)) ? 'event streaming' : 'messaging');
      if (c.flows('cdc').length) kinds.push('change data capture');
      if (c.flows('file', 'object').length || c.has('scheduled')) kinds.push('batch and file');
      if (kinds.length === 0 && c.flows('query').length) kinds.push('database');
      const drawn = kinds.length ? `${andList(kinds)} integration` : '';
      if (own) return fact(md(own, 200));
      if (!drawn) return open('the design has no connections yet', { value: 'API integration', because: 'the most common start: services called through a gateway' });
      const protocols = [...new Set(c.dataFlows().map((f) => f.protocol).filter((p) => !!p))].map((p) => protocolName(p!));
      return fact(`${drawn} (the connections drawn carry ${andList(protocols)})`, { short: drawn });
    },

    BUSINESS_PURPOSE: (c) => {
      const own = c.reqText('businessPurpose');
      if (own) return fact(md(own, 300));
      if (c.doc.description?.trim()) {
        const first = c.doc.description.trim().split(/(?<=[.!?])\s/)[0]!.replace(/[.!?]+$/, '');
        return fact(`${md(first, 300)} (from the design’s description)`, { short: '' });
      }
      return open('neither the requirements nor the description say what the integration is for');
    },

    INTEGRATION_SCOPE: (c) => {
      const own = c.reqText('scope');
      if (own) return fact(md(own, 300));
      const systems = c.r.components.filter(isSystem);
      if (!systems.length) return open('the design has no systems yet');
      return fact(`${plural(systems.length, 'system')}: ${names(systems, 15)}`, { short: names(systems, 6) });
    },

    STAKEHOLDERS: (c) => {
      const own = c.reqText('stakeholders');
      return own ? fact(md(own, 300)) : open('teams are not part of a drawing');
    },

    PERFORMANCE_REQUIREMENTS: (c) => {
      const p99 = c.reqNumber('latencyP99Ms');
      const own = c.reqText('performanceRequirements');
      if (p99 === undefined) return own ? fact(md(own, 200)) : open('no latency target is set', { value: '100', because: 'a common p99 target for user-facing APIs; it also becomes the timeout of calls without one and the p99 alert threshold' });
      const timed = c.flows('call', 'query').filter((f) => f.resilience?.timeoutFrom === 'latency-budget');
      return fact(`p99 latency under ${count(p99)} ms end to end${own ? `; ${md(own, 200)}` : ''}${timed.length ? `; the ${plural(timed.length, 'call')} without a timeout of ${timed.length === 1 ? 'its' : 'their'} own give up at this budget` : ''}`, { short: `p99 under ${count(p99)} ms` });
    },

    SCALABILITY_REQUIREMENTS: (c) => {
      const tps = c.reqNumber('throughputTps');
      const own = c.reqText('scalabilityRequirements');
      const scaled = c.r.components.filter((x) => typeof x.props.replicas === 'number' && x.props.replicas > 1);
      const replicas = scaled.length ? `; scaled out in the stack: ${andList(scaled.map((x) => `${svc(x)} ×${String(x.props.replicas)}`))}` : '';
      if (tps !== undefined) return fact(`${count(tps)} transactions per second${own ? `, ${md(own, 200)}` : ''}${replicas}`, { short: `${count(tps)} TPS` });
      if (own) return fact(`${md(own, 200)}${replicas}`);
      return open(`no throughput target is set${scaled.length ? ` (the stack runs ${andList(scaled.map((x) => `${svc(x)} ×${String(x.props.replicas)}`))})` : ''}`, { value: '1000', because: 'the template’s line between synchronous and asynchronous: above 1,000 TPS it says go asynchronous' });
    },

    RELIABILITY_REQUIREMENTS: (c) => {
      const avail = c.reqText('availability');
      const dead = c.deadLetters().length;
      if (!avail) return open('no availability target is set', { value: '99.9% uptime', because: 'a common target; it sets what the availability alert and SLA report measure' });
      const b = brokers(c);
      // "No message lost" only when every consumer that could lose one dead-letters.
      const kept = noDeadLetter(c).length === 0 ? `no message lost to a failing consumer: ${plural(dead, 'dead-letter channel')} keep what cannot be processed` : `${plural(dead, 'dead-letter channel')} keep what their consumers cannot process (not every consumer dead-letters)`;
      return fact(`${md(avail, 60)} availability${dead ? `; ${kept}` : b.length ? '' : ''}`, { short: `${md(avail, 60)} availability` });
    },

    SECURITY_REQUIREMENTS: (c) => {
      const list = c.reqList('security');
      return list.length ? fact(andList(list.map((s) => md(s, 80)), 20)) : open('no security standard is listed', c.has('gateway') ? { value: 'encryption at rest and in transit', because: 'the stack runs plaintext inside; say what production needs' } : undefined);
    },

    COMPLIANCE_REQUIREMENTS: (c) => {
      const list = c.reqList('compliance');
      return list.length ? fact(andList(list.map((s) => md(s, 80)), 20)) : open('no regulation is listed');
    },
  },
};
