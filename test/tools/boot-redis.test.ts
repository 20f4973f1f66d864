import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { respCommand, respReply } from '../../assets/stand-in/stand-in.mjs';
import { findTool, toolAvailable } from './helpers';
import { Procs, bootCases, freePort, interpolate, readBundle, removeCases, serviceEnv, startStandIn, tempDir, waitFor, requiredCredentials } from './boot';

/**
 * Redis booted with a generated redis.conf and the generated command (the password from the
 * environment): without the password nothing is allowed, with it everything works; the stand-in
 * of each client writes its keys with the password its environment gives it.
 */

const server = findTool('redis-server', ['/usr/bin/redis-server']);
const cases = bootCases();
const withRedis = cases.flatMap((c) => c.resolved.components.filter((x) => x.kind.id === 'redis').map((b) => [c, b] as const));
afterAll(() => removeCases(cases));

/** Sends commands on one connection and returns the replies. */
function redis(port: number, ...commands: string[][]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      for (const c of commands) s.write(respCommand(c));
    });
    let buf: Buffer = Buffer.alloc(0);
    const out: unknown[] = [];
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (let r = respReply(buf); r; r = respReply(buf)) {
        out.push(r[0] instanceof Error ? `ERR ${r[0].message}` : r[0]);
        buf = r[1];
      }
      if (out.length >= commands.length) {
        s.destroy();
        resolve(out);
      }
    });
    s.on('error', reject);
  });
}

describe.skipIf(!toolAvailable('redis-server', !!server) || withRedis.length === 0)('boot: Redis with the generated configuration: no password, no access', () => {
  const procs = new Procs();
  afterAll(() => procs.stopAll(), 30_000);

  it.each(withRedis.map(([c, b]) => [`${c.name}: ${b.service}`, c, b] as const))('%s', async (_label, c, b) => {
    // No .env, or a credential left blank: docker compose refuses to start it (never an open server).
    expect(requiredCredentials(c, b).length).toBeGreaterThan(0);
    expect(server, 'redis-server is not installed').toBeDefined();
    const dir = tempDir('redis');
    try {
      const port = await freePort();
      // The generated redis.conf with this machine's port and folder; the compose command as the container runs it.
      writeFileSync(join(dir, 'redis.conf'), readBundle(c, `config/${b.id}/redis.conf`).replace(/^port 6379$/m, `port ${port}`).replace(/^bind 0\.0\.0\.0$/m, 'bind 127.0.0.1').replace(/^dir \/data$/m, `dir ${dir}`));
      const command = c.compose.services[b.service]!.command!;
      expect(command.slice(0, 2)).toEqual(['sh', '-c']);
      const line = interpolate(command[2]!, c.env).replace('exec redis-server /usr/local/etc/redis/redis.conf', `exec ${server} ${join(dir, 'redis.conf')}`);
      const srv = procs.start('sh', ['-c', line], { env: { PATH: process.env.PATH, ...serviceEnv(c, b.service) } });
      await waitFor(`redis on ${port}`, async () => (await redis(port, ['PING']))[0] !== undefined, 15_000).catch((e) => {
        throw new Error(`${e.message}\n${procs.log(srv)}`);
      });
      const password = c.env[b.credentials.PASSWORD!.variable]!;
      expect(await redis(port, ['PING'], ['SET', 'k', 'v'], ['GET', 'k'])).toEqual(expect.arrayContaining([expect.stringMatching(/^ERR NOAUTH/)]));
      expect((await redis(port, ['PING'])).every((r) => String(r).startsWith('ERR NOAUTH'))).toBe(true);
      expect(await redis(port, ['AUTH', 'wrong password'])).toEqual([expect.stringMatching(/^ERR (WRONGPASS|ERR invalid password)/)]);
      expect(await redis(port, ['AUTH', password], ['PING'])).toEqual(['OK', 'PONG']);
      // Each client's stand-in writes with the credentials of its environment.
      for (const f of b.in.filter((x) => x.protocol === 'redis' && x.client && x.client !== b && x.client.roles.includes('built'))) {
        const stand = await startStandIn(procs, c, f.client!.service, (t) => t === `redis:${b.envPrefix}`, { [`${b.envPrefix}_HOST`]: '127.0.0.1', [`${b.envPrefix}_PORT`]: String(port) });
        await waitFor(`${f.client!.service} writes its keys`, async () => (await redis(port, ['AUTH', password], ['EXISTS', `${f.client!.service}:stand-in:0`]))[1] === 1, 15_000).catch((e) => {
          throw new Error(`${e.message}\n${stand.log()}`);
        });
      }
      await procs.stopAll();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
