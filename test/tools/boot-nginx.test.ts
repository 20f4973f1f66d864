import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect as http2Connect } from 'node:http2';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayPlan } from '../../shared/resolve';
import { findTool, output, run, toolAvailable } from './helpers';
import { Procs, STAND_IN, bootCases, freePort, readBundle, removeCases, serviceEnv, sleep, tempDir, waitFor } from './boot';

/**
 * nginx as the gateway, booted with its generated nginx.conf after the generated start script
 * wrote its credentials: /healthz answers; every route refuses a request without credentials
 * (401) when authentication is on and passes one with them to the upstream (the stand-in); the
 * rate limit answers 429. The identity provider's userinfo endpoint is a stand-in here that
 * accepts the token "good".
 */

const nginx = findTool('nginx', ['/usr/sbin/nginx']);
const cases = bootCases();
const gateways = cases.flatMap((c) => c.resolved.gateways.filter((g) => g.gateway.kind.id === 'nginx').map((g) => [c, g] as const));
afterAll(() => removeCases(cases));

function listen(server: Server): Promise<number> {
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res((server.address() as { port: number }).port)));
}

describe.skipIf(!toolAvailable('nginx', !!nginx) || gateways.length === 0)('boot: nginx as the gateway: authentication and rate limit as the design says', () => {
  const procs = new Procs();
  afterAll(() => procs.stopAll(), 30_000);

  it.each(gateways.map(([c, g]) => [`${c.name}: ${g.gateway.service} (${g.auth}, ${g.rateLimit ? `${g.rateLimit.perMinute}/min` : 'no limit'})`, c, g] as const))('%s', async (_label, c, g: GatewayPlan) => {
    expect(nginx, 'nginx is not installed').toBeDefined();
    const n = g.gateway;
    const dir = tempDir('nginx');
    const userinfo = createServer((req, res) => {
      res.statusCode = req.headers.authorization === 'Bearer good' ? 200 : 401;
      res.end();
    });
    try {
      chmodSync(dir, 0o777);
      const env = serviceEnv(c, n.service);
      // The generated start script writes the credentials (here into this folder instead of /etc/nginx/conf.d).
      const script = c.files.find((f) => f.path === `config/${n.id}/40-topoforge-auth.sh`);
      if (script) {
        writeFileSync(join(dir, 'auth.sh'), script.content.replaceAll('/etc/nginx/conf.d', dir));
        const r = run('sh', [join(dir, 'auth.sh')], { env: { PATH: process.env.PATH, ...env } });
        expect(r.status, output(r)).toBe(0);
        chmodSync(dir, 0o777);
        // The script gives the user file to the image's worker user (nginx); here the workers run as nobody.
        if (process.getuid?.() === 0) run('chown', ['-R', 'nobody', dir]);
      }
      // The upstream of every route: the stand-in (it answers any path); the identity provider's userinfo: a test server.
      const upstream = await freePort();
      procs.start(process.execPath, [STAND_IN], { env: { PATH: process.env.PATH, PORT: String(upstream), SERVICE_NAME: 'upstream' } });
      await waitFor('the upstream stand-in', async () => (await fetch(`http://127.0.0.1:${upstream}/health`)).ok, 15_000);
      const idp = await listen(userinfo);
      const [http, grpc] = [await freePort(), await freePort()];
      // The generated nginx.conf, with this machine's ports and paths, and the stack's host names moved here.
      const conf = readBundle(c, `config/${n.id}/nginx.conf`)
        .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${http};`)
        .replace(/^(\s*)listen 81 http2;$/m, `$1listen 127.0.0.1:${grpc} http2;`)
        .replaceAll('/etc/nginx/conf.d', dir)
        .replace('access_log /var/log/nginx/access.log;', `access_log ${join(dir, 'access.log')};`)
        .replace(/set \$upstream_(\d+) "[^"]+";/g, `set $upstream_$1 "127.0.0.1:${upstream}";`)
        .replace(/set \$topoforge_idp "[^"]+";/g, `set $topoforge_idp "127.0.0.1:${idp}";`);
      writeFileSync(join(dir, 'nginx.conf'), conf);
      const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', `pid ${join(dir, 'nginx.pid')}; daemon off;`];
      const t = run(nginx!, ['-t', ...args.slice(0, 4), '-g', `pid ${join(dir, 'nginx.pid')};`]);
      expect(t.status, output(t)).toBe(0);
      const srv = procs.start(nginx!, args);
      await waitFor(`nginx on ${http}`, async () => (await fetch(`http://127.0.0.1:${http}/healthz`)).status === 200, 15_000).catch((e) => {
        throw new Error(`${e.message}\n${procs.log(srv)}`);
      });

      const good: Record<string, string> =
        g.auth === 'key-auth'
          ? { apikey: env.GATEWAY_API_KEY! }
          : g.auth === 'basic'
            ? { authorization: `Basic ${Buffer.from(`${env.GATEWAY_BASIC_USER}:${env.GATEWAY_BASIC_PASSWORD}`).toString('base64')}` }
            : g.auth === 'oidc' || g.auth === 'jwt'
              ? { authorization: 'Bearer good' }
              : {};
      const get = (path: string, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${http}${path}`, { headers }).then((r) => r.status);
      const routes = g.routes.filter((r) => r.protocol === 'http' || r.protocol === 'graphql');
      expect(routes.length).toBeGreaterThan(0);
      for (const r of routes) {
        if (g.auth !== 'none') {
          expect(await get(r.path), `${r.path} without credentials`).toBe(401);
          if (g.auth === 'key-auth') expect(await get(r.path, { apikey: 'wrong' }), `${r.path} with a wrong key`).toBe(401);
          if (g.auth === 'oidc' || g.auth === 'jwt') expect(await get(r.path, { authorization: 'Bearer bad' }), `${r.path} with a token the identity provider refuses`).toBe(401);
        }
        const expected = (g.auth === 'jwt' || g.auth === 'oidc') && !g.identityProvider ? 401 : g.auth === 'mtls' ? 403 : 200;
        if (!r.upstream.external) expect(await get(r.path, good), `${r.path} with credentials`).toBe(expected);
      }
      // gRPC routes: over the HTTP/2 listener, the path kept whole, through to the upstream (the
      // stand-in answers a method it does not implement with grpc-status 12 and its own message).
      const grpcOnce = (path: string, headers: Record<string, string>) =>
        new Promise<{ status: number; grpcStatus?: string; grpcMessage?: string }>((res, rej) => {
          const client = http2Connect(`http://127.0.0.1:${grpc}`);
          client.on('error', rej);
          const req = client.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers', ...headers });
          let out: { status: number; grpcStatus?: string; grpcMessage?: string } = { status: 0 };
          const take = (h: Record<string, unknown>) => {
            if (h['grpc-status'] !== undefined) out = { ...out, grpcStatus: String(h['grpc-status']), grpcMessage: String(h['grpc-message'] ?? '') };
          };
          req.on('response', (h) => {
            out = { ...out, status: Number(h[':status']) };
            take(h);
          });
          req.on('trailers', take);
          req.on('data', () => {});
          req.on('end', () => {
            client.close();
            res(out);
          });
          req.on('error', rej);
          req.end(Buffer.from([0, 0, 0, 0, 0]));
        });
      // The checks above spent the rate limit's burst: a 429 here is waited out (the limit is checked below).
      const grpcCall = async (path: string, headers: Record<string, string> = {}) => {
        for (let i = 0; ; i++) {
          const r = await grpcOnce(path, headers);
          if (r.status !== 429 || !g.rateLimit || i >= 5) return r;
          await sleep(Math.ceil(60_000 / g.rateLimit.perMinute) + 200);
        }
      };
      for (const r of g.routes.filter((x) => x.protocol === 'grpc' && !x.upstream.external)) {
        const method = `${r.path.replace(/\/$/, '')}/Check`;
        if (g.auth !== 'none' && g.auth !== 'mtls') expect((await grpcCall(method)).status, `${method} without credentials`).toBe(401);
        if (g.auth === 'mtls' || ((g.auth === 'jwt' || g.auth === 'oidc') && !g.identityProvider)) continue;
        const through = await grpcCall(method, good);
        expect(through, `${method} with credentials reaches the upstream over HTTP/2`).toMatchObject({ status: 200, grpcStatus: '12', grpcMessage: 'not implemented by the Topoforge stand-in' });
      }
      if (g.rateLimit) {
        // More requests at once than the burst allows: the rest are refused with 429.
        const burst = Math.max(1, Math.ceil(g.rateLimit.perMinute / 60));
        const statuses = await Promise.all(Array.from({ length: burst + 20 }, () => get(routes[0]!.path, good)));
        expect(statuses.filter((s) => s === 429).length, statuses.join(',')).toBeGreaterThan(0);
      }
      await procs.stopAll();
    } finally {
      userinfo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
