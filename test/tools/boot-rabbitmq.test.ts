import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rabbitPlan } from '../../generators/stack/flows';
import type { Component } from '../../shared/resolve';
import { findTool, output, run, toolAvailable } from './helpers';
import { Procs, bootCases, freePort, metricSum, readBundle, removeCases, serviceEnv, sleep, startStandIn, tempDir, waitFor, requiredCredentials } from './boot';
import type { BootCase } from './boot';
import { Amqp } from '../../assets/stand-in/stand-in.mjs';

/**
 * RabbitMQ booted with a generated rabbitmq.conf and definitions.json, its users created by the
 * generated start.sh; the stand-in as the producer and the consumer of every subscription: a
 * message published on the producer's exchange reaches the consumer's queue and is consumed; a
 * message the consumer cannot parse is rejected and lands in the queue's dead-letter queue.
 */

const sbin = (() => {
  const base = '/usr/lib/rabbitmq/lib';
  if (existsSync(base)) for (const d of readdirSync(base).sort().reverse()) if (existsSync(join(base, d, 'sbin', 'rabbitmq-server'))) return join(base, d, 'sbin');
  const server = findTool('rabbitmq-server');
  return server ? server.replace(/\/rabbitmq-server$/, '') : undefined;
})();

const cases = bootCases();
const withRabbit = cases.flatMap((c) => c.resolved.components.filter((x) => x.kind.id === 'rabbitmq').map((b) => [c, b] as const));
afterAll(() => removeCases(cases));

// An AMQP method frame (for the tests' own checks: declare a queue as the services' user).
const u16 = (n: number) => Buffer.from([n >> 8, n & 255]);
const shortstr = (s: string) => Buffer.concat([Buffer.from([s.length]), Buffer.from(s)]);

describe.skipIf(!toolAvailable('rabbitmq-server', !!sbin) || withRabbit.length === 0)('boot: RabbitMQ with the generated configuration, and the stand-in on both ends', () => {
  const procs = new Procs();
  let home = '';
  let env: NodeJS.ProcessEnv = {};
  let amqp = 0;
  let mgmt = 0;
  let shim = '';
  const ctl = (...args: string[]) => run(join(sbin!, 'rabbitmqctl'), args, { env, timeoutMs: 60_000 });

  /** Runs the generated start.sh of `c` (users and permissions), with `docker-entrypoint.sh` standing for the image's. */
  async function startScript(c: BootCase, broker: Component, entrypoint: string): Promise<void> {
    writeFileSync(join(shim, 'docker-entrypoint.sh'), entrypoint);
    chmodSync(join(shim, 'docker-entrypoint.sh'), 0o755);
    const script = join(c.dir, 'config', broker.id, 'start.sh');
    const p = procs.start('sh', [script], { env: { ...env, ...serviceEnv(c, broker.service), PATH: `${shim}:${sbin}:${process.env.PATH}` } });
    await waitFor(`${c.name}: start.sh creates the users`, () => procs.log(p).includes('ready'), 120_000, 500);
  }

  beforeAll(async () => {
    home = tempDir('rabbitmq');
    shim = join(home, 'shim');
    mkdirSync(shim);
    const [port, dist, epmd, mgmtPort, prom] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    amqp = port;
    mgmt = mgmtPort;
    const node = `topoforge${process.pid}@localhost`;
    const [c, b] = withRabbit[0]!;
    // The generated rabbitmq.conf, with this node's ports and the definitions' path on this machine.
    const conf = readBundle(c, `config/${b.id}/rabbitmq.conf`)
      .replace(/^listeners\.tcp\.default = 5672$/m, `listeners.tcp.default = ${amqp}`)
      .replace(/^management\.tcp\.port = 15672$/m, `management.tcp.port = ${mgmt}`)
      .replace(/^load_definitions = \/etc\/rabbitmq\/definitions\.json$/m, `load_definitions = ${join(c.dir, 'config', b.id, 'definitions.json')}\nprometheus.tcp.port = ${prom}`);
    expect(conf).toContain(`listeners.tcp.default = ${amqp}`);
    writeFileSync(join(home, 'rabbitmq.conf'), conf);
    writeFileSync(join(home, 'enabled_plugins'), '[rabbitmq_management,rabbitmq_prometheus].\n');
    env = {
      ...process.env,
      HOME: home,
      RABBITMQ_NODENAME: node,
      RABBITMQ_NODE_PORT: String(amqp),
      RABBITMQ_DIST_PORT: String(dist),
      ERL_EPMD_PORT: String(epmd),
      RABBITMQ_MNESIA_BASE: join(home, 'mnesia'),
      RABBITMQ_LOG_BASE: join(home, 'log'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(home, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: join(home, 'rabbitmq.conf'),
      RABBITMQ_PID_FILE: join(home, 'rabbit.pid'),
      RABBITMQ_PLUGINS_EXPAND_DIR: join(home, 'plugins-expand'),
    };
    // The first design boots the node through its own start.sh (the image's entrypoint runs rabbitmq-server).
    await startScript(c, b, '#!/bin/sh\nexec "$@"\n');
  }, 180_000);

  afterAll(async () => {
    if (env.RABBITMQ_NODENAME) ctl('stop');
    await procs.stopAll();
    if (env.ERL_EPMD_PORT) run('epmd', ['-port', env.ERL_EPMD_PORT, '-kill'], { env, timeoutMs: 10_000 });
    if (home) rmSync(home, { recursive: true, force: true });
  }, 90_000);

  it.each(withRabbit.map(([c, b], i) => [`${c.name}: ${b.service}`, c, b, i] as const))('%s', async (_label, c, b, i) => {
    // No .env, or a credential left blank: docker compose refuses to start it (never an open server).
    expect(requiredCredentials(c, b).length).toBeGreaterThan(0);
    const plan = rabbitPlan(c.resolved, b);
    const vhost = plan.vhost;
    if (i > 0) {
      // The node runs: load this design's definitions into a fresh virtual host, and run its start.sh.
      ctl('delete_vhost', vhost);
      const r = ctl('import_definitions', join(c.dir, 'config', b.id, 'definitions.json'));
      expect(r.status, output(r)).toBe(0);
      await startScript(c, b, '#!/bin/sh\nexec sleep 3600\n');
    }
    const cred = (k: string) => c.env[b.credentials[k]!.variable]!;
    // Queue depths through the management API, as the design's administrator.
    const auth = `Basic ${Buffer.from(`${cred('ADMIN_USER')}:${cred('ADMIN_PASSWORD')}`).toString('base64')}`;
    const q = async () => {
      const res = await fetch(`http://127.0.0.1:${mgmt}/api/queues/${encodeURIComponent(vhost)}?columns=name,messages`, { headers: { authorization: auth } });
      if (!res.ok) throw new Error(`management API: ${res.status}`);
      return new Map(((await res.json()) as Array<{ name: string; messages?: number }>).map((x) => [x.name, x.messages ?? 0]));
    };
    // Every queue of the definitions exists.
    const queues = await waitFor('queues', async () => ((await q()).size >= plan.queues.length ? q() : undefined), 20_000);
    for (const x of plan.queues) expect(queues!.has(x.name), x.name).toBe(true);

    const admin = { host: '127.0.0.1', port: amqp, user: cred('ADMIN_USER'), password: cred('ADMIN_PASSWORD'), vhost };
    const here = { [`${b.envPrefix}_HOST`]: '127.0.0.1', [`${b.envPrefix}_PORT`]: String(amqp) };
    const tag = (t: string) => t === `amqp:${b.envPrefix}`;

    // The services' user may not declare anything: the definitions did.
    const app = new Amqp({ ...admin, user: cred('USER'), password: cred('PASSWORD') });
    const refused = new Promise<string>((res) => app.on('error', (e) => res(String((e as Error).message))));
    await app.connect();
    app.method(1, 50, 10, Buffer.concat([u16(0), shortstr(`topoforge-test-${i}`), Buffer.from([0]), Buffer.from([0, 0, 0, 0])]));
    expect(await Promise.race([refused, sleep(10_000).then(() => 'no answer')])).toMatch(/403 ACCESS_REFUSED/);
    app.close();

    for (const s of plan.consume.size > 0 ? [...plan.consume] : []) {
      const [consumer, reads] = s;
      const stand = await startStandIn(procs, c, consumer.service, tag, here);
      for (const r of reads) {
        // Who publishes into this queue: the publications on the exchanges it is bound to.
        const sources = plan.bindings.filter((x) => x.destination === r.queue).map((x) => x.source);
        const producers = [...plan.publish].filter(([, ps]) => ps.some((p) => sources.includes(p.exchange)));
        for (const [producer] of producers) {
          const p = await startStandIn(procs, c, producer.service, tag, here);
          await waitFor(`${producer.service} publishes`, async () => metricSum(await p.metrics(), 'messages_published_total', { protocol: 'amqp' }) > 0);
          await procs.stop(p.proc);
        }
        if (producers.length > 0) {
          await waitFor(`${consumer.service} consumes ${r.queue}`, async () => metricSum(await stand.metrics(), 'messages_consumed_total', { channel: r.queue }) > 0, 20_000).catch((e) => {
            throw new Error(`${e.message}\n${stand.log()}`);
          });
        }
        if (!r.deadLetterQueue) continue;
        // A message the consumer cannot parse: rejected, dead-lettered into <queue>.dlq.
        const before = (await q()).get(r.deadLetterQueue) ?? 0;
        const inject = new Amqp(admin);
        await inject.connect();
        const binding = plan.bindings.find((x) => x.destination === r.queue);
        if (binding) inject.publish(binding.source, binding.routingKey === '#' || binding.routingKey.includes('*') ? 'test.unparseable' : binding.routingKey, 'this is not JSON');
        else inject.publish('', r.queue, 'this is not JSON');
        await sleep(300);
        inject.close();
        await waitFor(`${r.deadLetterQueue} receives the rejected message`, async () => ((await q()).get(r.deadLetterQueue!) ?? 0) > before, 20_000, 500);
        expect(metricSum(await stand.metrics(), 'messages_failed_total', { channel: r.queue })).toBeGreaterThan(0);
      }
      await procs.stop(stand.proc);
    }
  }, 180_000);
});
