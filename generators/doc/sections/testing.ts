import type { Section } from '../answer';
import { fact, open } from '../answer';
import { count, name, plural, svcs } from '../context';
import { callList } from '../facts';
import { andList } from '../markdown';

/** Testing Strategy: what the design gives to test against; the tools are decisions. */

export const testing: Section = {
  title: 'Testing Strategy',
  fields: {
    INTEGRATION_TESTING: (c) => {
      const run = c.containers();
      if (!run.length) return open('nothing the stack runs is drawn');
      const flows = c.dataFlows().filter((f) => f.client?.containerised && f.server?.containerised);
      return fact(`against the starter stack: \`docker compose up\` runs ${plural(run.length, 'container')}; ${plural(flows.length, 'connection')} to exercise end to end`, { short: 'against the local starter stack' });
    },

    CONTRACT_TESTING: (c) => {
      const routes = c.r.gateways.reduce((n, p) => n + p.routes.length, 0);
      const calls = c.flows('call').filter((f) => f.server?.roles.includes('built'));
      return open(calls.length ? `${plural(calls.length, 'call')} between parts that change separately (${callList(calls, 3)}) need contracts; the tool is not drawn` : 'the tool is not drawn', routes ? { value: 'OpenAPI validation', because: `openapi.yaml in the bundle already describes the ${plural(routes, 'gateway route')}` } : { value: 'Pact', because: 'consumer-driven contracts between services' });
    },

    INTEGRATION_E2E_TESTING: (c) => {
      const entries = c.r.components.filter((x) => x.entry);
      return open(entries.length ? `end-to-end runs start at ${svcs(entries)}; the harness is not drawn` : 'no entry point is drawn', c.has('frontend') ? { value: 'Playwright', because: `${svcs(c.withRole('frontend'))} is a browser front end` } : { value: 'custom test harness', because: 'the entry points are APIs, not pages' });
    },

    INTEGRATION_PERFORMANCE_TESTING: (c) => {
      const tps = c.reqNumber('throughputTps');
      const p99 = c.reqNumber('latencyP99Ms');
      return open(tps !== undefined || p99 !== undefined ? `the targets are set (${[tps !== undefined ? `${count(tps)} TPS` : '', p99 !== undefined ? `p99 ${count(p99)} ms` : ''].filter(Boolean).join(', ')}) but not the tool` : 'no performance target is set', { value: 'k6', because: 'scripts in JavaScript, runs against the local stack' });
    },

    INTEGRATION_LOAD_TESTING: (c) => {
      const tps = c.reqNumber('throughputTps');
      return open(tps !== undefined ? `the peak to simulate is ${count(tps)} TPS; the scenarios are not drawn` : 'no throughput target to test against', { value: 'peak load simulation', because: 'start from the required throughput' });
    },

    CHAOS_TESTING: (c) => open('failure experiments are not part of the drawing', { value: 'custom chaos', because: `stop a container of the stack (a broker, a database) and watch ${c.deadLetters().length ? 'the dead letters and ' : ''}the alerts` }),

    MOCK_SERVICES: (c) => {
      const ext = c.external();
      const standIns = c.containers().filter((x) => x.roles.includes('built') && !(typeof x.props.image === 'string' && x.props.image));
      const parts: string[] = [];
      if (ext.length) parts.push(`the external systems need mocks: ${andList(ext.map(name))}`);
      if (standIns.length) parts.push(`the stack runs stand-ins for ${svcs(standIns, 8)} until their images are set`);
      return parts.length ? fact(parts.join('; '), { short: ext.length ? 'mocks for the external systems' : 'stand-in containers' }) : fact('none needed: every component runs its real image in the stack', { short: '' });
    },

    INTEGRATION_TEST_DATA: () => open('test data is not part of the drawing', { value: 'synthetic data', because: 'no production data in a local stack' }),

    INTEGRATION_TEST_AUTOMATION: () => open('the CI setup is not part of the drawing', { value: 'CI/CD integrated', because: '`topoforge generate` regenerates the stack from the design file in CI' }),

    TEST_ENVIRONMENT: (c) => (c.containers().length ? fact(`local Docker: the bundle’s docker-compose.yml with ${plural(c.containers().length, 'container')} on ${plural(c.r.networks.length, 'network')}`, { short: 'local Docker Compose' }) : open('nothing the stack runs is drawn')),
  },
};
