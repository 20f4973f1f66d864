import { afterAll, describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/resolve';
import { Procs, bootCases, metricSum, removeCases, serviceEnv, startStandIn, waitFor } from './boot';
import type { BootCase } from './boot';

/**
 * The calls of the drawing, crossed by the stand-in program: every HTTP, GraphQL and gRPC call
 * from a service you build to another is made by the caller's stand-in with the address its
 * compose environment gives it, and counted by the callee's stand-in. The address must name the
 * callee's service and the port its container listens on (only the host is moved to this
 * machine); and every drawn connection's two containers share a network, or the name would not
 * even resolve inside the stack.
 */

const cases = bootCases();
afterAll(() => removeCases(cases));

const CALLS = new Set(['http', 'graphql', 'grpc']);
const isCall = (f: Flow) => !!f.protocol && CALLS.has(f.protocol) && f.client === f.from && !!f.server && f.from.roles.includes('built') && f.to.roles.includes('built') && f.from !== f.to;
const calls = cases.flatMap((c) => c.resolved.flows.filter(isCall).map((f) => [`${c.name}: ${f.from.service} -> ${f.to.service} (${f.protocol})`, c, f] as const));

/** The networks a compose service joins (a list, or a map of network names). */
function networksOf(c: BootCase, service: string): string[] {
  const s = c.compose.services[service] as { networks?: string[] | Record<string, unknown> } | undefined;
  if (!s) return [];
  if (!s.networks) return ['default'];
  return Array.isArray(s.networks) ? s.networks : Object.keys(s.networks);
}

describe('every drawn connection between two containers of the stack: the client shares a network with the server it connects to', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let checked = 0;
    for (const f of c.resolved.flows) {
      if (!f.client || !f.server || !f.host || f.client === f.server) continue;
      // Both ends must run in the stack (an external system, or a component that is not a container, has no service).
      if (!c.compose.services[f.client.service] || !c.compose.services[f.host]) continue;
      const shared = networksOf(c, f.client.service).filter((n) => networksOf(c, f.host!).includes(n));
      expect(shared, `${f.id} (${f.protocol}): ${f.client.service} [${networksOf(c, f.client.service).join(', ')}] cannot reach ${f.host} [${networksOf(c, f.host).join(', ')}]`).not.toEqual([]);
      checked++;
    }
    expect(checked, 'connections checked').toBeGreaterThan(0);
  });
});

describe.skipIf(calls.length === 0)('boot: the stand-in makes the calls of the drawing, at the address its environment gives', () => {
  const procs = new Procs();
  afterAll(() => procs.stopAll(), 30_000);

  it.each(calls)('%s', async (_label, c, f) => {
    const P = f.to.envPrefix;
    const caller = serviceEnv(c, f.from.service);
    const callee = serviceEnv(c, f.to.service);
    // The address names the callee's service and the port its container listens on.
    const address = f.protocol === 'grpc' ? caller[`${P}_ADDRESS`] : caller[`${P}_URL`];
    expect(address, `${f.from.service} gets ${P}_${f.protocol === 'grpc' ? 'ADDRESS' : 'URL'}`).toBeDefined();
    const m = f.protocol === 'grpc' ? /^([^:/]+):(\d+)$/.exec(address!) : /^http:\/\/([^:/]+):(\d+)(\/.*)?$/.exec(address!);
    expect(m, address).not.toBeNull();
    expect(m![1], 'host').toBe(f.to.service);
    expect(m![2], `port (${f.to.service} listens on PORT=${callee.PORT})`).toBe(callee.PORT);
    expect((caller.TOPOFORGE_CONNECTIONS ?? '').split(','), 'the caller is told to call it').toContain(`${f.protocol}:${P}`);

    // The callee's stand-in, then the caller's, calling it at the same path on this machine.
    const server = await startStandIn(procs, c, f.to.service, () => false, {});
    const moved = f.protocol === 'grpc' ? `127.0.0.1:${server.port}` : `http://127.0.0.1:${server.port}${m![3] ?? ''}`;
    const client = await startStandIn(procs, c, f.from.service, (t) => t === `${f.protocol}:${P}`, { [f.protocol === 'grpc' ? `${P}_ADDRESS` : `${P}_URL`]: moved });
    const path = f.protocol === 'grpc' ? '/grpc.health.v1.Health/Check' : 'other';
    await waitFor(`${f.to.service} is called`, async () => metricSum(await server.metrics(), 'http_requests_total', f.protocol === 'grpc' ? { path, code: '200' } : { path }) > 0, 15_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${client.log()}`);
    });
    await procs.stop(client.proc);
    await procs.stop(server.proc);
  }, 45_000);
});
