import type { Resolver } from '../context';
import { edgeText, filled, open, plural } from '../context';
import { andList, code, md } from '../markdown';

/** Testing Strategy: the design says what to test, rarely how. */

export const testing: Record<string, Resolver> = {
  INTEGRATION_TESTING: (c) => {
    const run = c.nodes.filter((n) => n.kind && !n.kind.external);
    return run.length ? filled(`against the starter stack: \`docker compose up\` runs ${plural(run.length, 'container')} with this wiring`, 'against the local starter stack') : open('no containerised component to test against', 'add components');
  },

  CONTRACT_TESTING: (c) => {
    const between = c.dataEdges().filter((e) => e.from.kind && e.to.kind && ['service', 'broker'].includes(e.to.kind.category) && !e.to.kind.external);
    return open(between.length ? `the design shows ${plural(between.length, 'contract')} to cover (e.g. ${andList(between.slice(0, 3).map(edgeText))}) but not the tool` : 'no service-to-service contracts drawn', 'choose a contract-testing tool (Pact, OpenAPI validation)');
  },

  INTEGRATION_E2E_TESTING: (c) => {
    const entries = c.nodes.filter((n) => n.kind && ['web-app', 'iot-device'].includes(n.kind.id) || n.kind?.category === 'gateway');
    return open(entries.length ? `end-to-end runs start at ${andList(entries.map((n) => code(n.id)))}, the tool is not in the design` : 'no entry point (web app, gateway, device) drawn', 'choose an end-to-end harness (Playwright, custom)');
  },

  INTEGRATION_PERFORMANCE_TESTING: (c) => open(typeof c.req.throughputTps === 'number' || typeof c.req.latencyP99Ms === 'number' ? `targets are set (${[typeof c.req.throughputTps === 'number' ? `${c.req.throughputTps.toLocaleString('en-US')} TPS` : '', typeof c.req.latencyP99Ms === 'number' ? `p99 ${c.req.latencyP99Ms} ms` : ''].filter(Boolean).join(', ')}) but not the tool` : 'no performance targets in the requirements', 'choose a load tool (k6, Gatling) and run it against the stack'),

  INTEGRATION_LOAD_TESTING: (c) => open(typeof c.req.throughputTps === 'number' ? `peak load to simulate: ${c.req.throughputTps.toLocaleString('en-US')} TPS; the scenarios are not in the design` : 'no throughput target to test against', 'define peak, stress and soak scenarios'),

  CHAOS_TESTING: () => open('failure experiments are not part of the design', 'decide which failures to inject (broker down, slow database)'),

  MOCK_SERVICES: (c) => {
    const ext = c.nodes.filter((n) => n.kind?.external);
    const standIns = c.nodes.filter((n) => n.kind && !n.kind.external && n.kind.props.some((p) => p.key === 'image') && !(typeof n.node.props?.image === 'string' && n.node.props.image));
    const parts: string[] = [];
    if (ext.length) parts.push(`external systems need mocks: ${andList(ext.map((n) => `${md(n.node.label || n.id, 40)} (${code(n.id)})`))}`);
    if (standIns.length) parts.push(`the stack runs stand-ins for ${andList(standIns.map((n) => code(n.id)), 8)} until their images are set`);
    return parts.length ? filled(parts.join('; '), ext.length ? 'mocks for external systems' : 'stand-in containers') : open('no external system or unbuilt service to mock', 'nothing to decide unless tests must isolate a service');
  },

  INTEGRATION_TEST_DATA: () => open('test data is not part of the design', 'decide synthetic data or masked production data'),

  INTEGRATION_TEST_AUTOMATION: () => open('the CI setup is not part of the design', 'run the tests in CI (the design file regenerates the stack with `topoforge generate`)'),

  TEST_ENVIRONMENT: (c) => (c.nodes.some((n) => n.kind && !n.kind.external) ? filled('local Docker: the generated docker-compose.yml with its configs', 'local Docker Compose') : open('nothing the stack can run', 'add components')),
};
