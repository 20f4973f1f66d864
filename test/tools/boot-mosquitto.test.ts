import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { mqttPlan } from '../../generators/stack/flows';
import { findTool, output, run, toolAvailable } from './helpers';
import { Procs, bootCases, freePort, interpolate, metricSum, readBundle, removeCases, serviceEnv, sleep, startStandIn, tempDir, waitFor, requiredCredentials } from './boot';

/**
 * Mosquitto booted with a generated mosquitto.conf through the generated start.sh (password file
 * and ACL from the environment): the broker's own health check passes (its $SYS topic is quoted);
 * the devices publish with the device account and the services read with theirs, through the
 * stand-in; a client without credentials is refused unless the design allows anonymous clients;
 * the ACL lets the services' account read what the device account writes, and neither the other way.
 */

const mosquitto = findTool('mosquitto', ['/usr/sbin/mosquitto']);
const sub = findTool('mosquitto_sub');
const pub = findTool('mosquitto_pub');
const cases = bootCases();
const withMqtt = cases.flatMap((c) => c.resolved.components.filter((x) => x.kind.id === 'mqtt-broker').map((b) => [c, b] as const));
afterAll(() => removeCases(cases));

/** The return code of an MQTT 3.1.1 CONNECT without credentials (0 accepted, 5 not authorised). */
function anonymousConnect(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      const body = Buffer.concat([Buffer.from([0, 4]), Buffer.from('MQTT'), Buffer.from([4, 0x02, 0, 60]), Buffer.from([0, 4]), Buffer.from('anon')]);
      s.write(Buffer.concat([Buffer.from([0x10, body.length]), body]));
    });
    s.on('data', (d) => {
      s.destroy();
      resolve(d[3]!);
    });
    s.on('error', reject);
  });
}

describe.skipIf(!toolAvailable('mosquitto', !!mosquitto) || withMqtt.length === 0)('boot: Mosquitto with the generated configuration, accounts and ACL', () => {
  const procs = new Procs();
  afterAll(() => procs.stopAll(), 30_000);

  it.each(withMqtt.map(([c, b]) => [`${c.name}: ${b.service}`, c, b] as const))('%s', async (_label, c, b) => {
    // No .env, or a credential left blank: docker compose refuses to start it (never an open server).
    expect(requiredCredentials(c, b).length).toBeGreaterThan(0);
    expect(mosquitto, 'mosquitto is not installed').toBeDefined();
    const dir = tempDir('mosquitto');
    try {
      const port = await freePort();
      // The generated files, with this machine's port and paths in place of the container's.
      const conf = readBundle(c, `config/${b.id}/mosquitto.conf`).replaceAll('/mosquitto/data', dir).replace(/^listener 1883$/m, `listener ${port} 127.0.0.1`);
      expect(conf).toContain(`listener ${port}`);
      writeFileSync(join(dir, 'mosquitto.conf'), conf);
      const start = readBundle(c, `config/${b.id}/start.sh`)
        .replaceAll('/mosquitto/data', dir)
        .replace('/topoforge/acl-devices.txt', join(c.dir, 'config', b.id, 'acl-devices.txt'))
        .replace('/topoforge/acl-services.txt', join(c.dir, 'config', b.id, 'acl-services.txt'))
        .replace('exec /usr/sbin/mosquitto -c /mosquitto/config/mosquitto.conf', `exec ${mosquitto} -c ${join(dir, 'mosquitto.conf')}`);
      writeFileSync(join(dir, 'start.sh'), start);
      // As root, Mosquitto runs as its own user: it must reach the folder (start.sh owns the files to it).
      if (process.getuid?.() === 0) run('chown', ['-R', 'mosquitto', dir]);
      const srv = procs.start('sh', [join(dir, 'start.sh')], { env: { PATH: process.env.PATH, ...serviceEnv(c, b.service) } });
      await waitFor(`mosquitto on ${port}`, () => new Promise<boolean>((res) => {
        const s = connect(port, '127.0.0.1', () => {
          s.destroy();
          res(true);
        });
        s.on('error', () => res(false));
      }), 15_000).catch((e) => {
        throw new Error(`${e.message}\n${procs.log(srv)}`);
      });

      // The health check of the compose file, as the container runs it.
      const test = c.compose.services[b.service]!.healthcheck!.test;
      expect(test[0]).toBe('CMD-SHELL');
      const health = run('sh', ['-c', interpolate(test[1]!, c.env).replace('-p 1883', `-p ${port}`)], { env: { ...process.env, ...serviceEnv(c, b.service) }, timeoutMs: 20_000 });
      expect(health.status, output(health)).toBe(0);

      // Without credentials: refused, unless the design lets anonymous clients in.
      expect(await anonymousConnect(port)).toBe(b.props.allowAnonymous === true ? 0 : 5);

      // Devices publish with the device account; the services read with theirs.
      const plan = mqttPlan(c.resolved, b);
      const here = { [`${b.envPrefix}_HOST`]: '127.0.0.1', [`${b.envPrefix}_PORT`]: String(port) };
      const tag = (t: string) => t === `mqtt:${b.envPrefix}`;
      const readers = [];
      for (const [client] of plan.subscribe) readers.push({ client, stand: await startStandIn(procs, c, client.service, tag, here) });
      for (const [client] of plan.publish) {
        expect(serviceEnv(c, client.service)[`${b.envPrefix}_USERNAME`]).toBe(c.env[(client.roles.includes('device') ? b.credentials.DEVICE_USER : b.credentials.USER)!.variable]);
        const p = await startStandIn(procs, c, client.service, tag, here);
        await waitFor(`${client.service} publishes`, async () => metricSum(await p.metrics(), 'messages_published_total', { protocol: 'mqtt' }) > 0);
      }
      for (const r of readers) {
        if (plan.publish.size === 0) break;
        await waitFor(`${r.client.service} reads`, async () => metricSum(await r.stand.metrics(), 'messages_consumed_total', { protocol: 'mqtt' }) > 0, 20_000).catch((e) => {
          throw new Error(`${e.message}\n${r.stand.log()}\n${procs.log(srv)}`);
        });
      }
      // The ACL, with Mosquitto's own clients: a service reads what the device account writes; the
      // services' account may not write the devices' telemetry, nor the device account read it.
      const acl = (f: string, mode: string) => readBundle(c, `config/${b.id}/${f}`).split('\n').filter((l) => l.startsWith(`topic ${mode} `)).map((l) => l.slice(7 + mode.length));
      const matches = (filter: string, topic: string) => {
        const f = filter.split('/');
        const t = topic.split('/');
        for (let i = 0; i < f.length; i++) {
          if (f[i] === '#') return true;
          if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
        }
        return f.length === t.length;
      };
      const topic = acl('acl-devices.txt', 'write')
        .map((t) => t.replace(/\+/g, 'x').replace(/#$/, 'x'))
        .find((t) => acl('acl-services.txt', 'read').some((r) => matches(r, t)));
      if (acl('acl-devices.txt', 'write').length > 0 && acl('acl-services.txt', 'read').length > 0) expect(topic, 'a topic the devices write and the services read').toBeDefined();
      if (topic && sub && pub) {
        const account = (k: string) => [c.env[b.credentials[k]!.variable]!, c.env[b.credentials[k.replace('USER', 'PASSWORD')]!.variable]!] as const;
        // The reader listens 2 s and prints all it gets (the devices' stand-ins still publish there too).
        const receives = async (reader: readonly [string, string], writer: readonly [string, string]) => {
          const p = procs.start(sub, ['-h', '127.0.0.1', '-p', String(port), '-u', reader[0], '-P', reader[1], '-t', topic, '-q', '1', '-W', '2']);
          await sleep(500);
          for (let i = 0; i < 3; i++) {
            run(pub, ['-h', '127.0.0.1', '-p', String(port), '-u', writer[0], '-P', writer[1], '-t', topic, '-q', '1', '-m', '{"acl":true}']);
            await sleep(100);
          }
          await new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r(null) : p.once('exit', r)));
          return procs.log(p).includes('"acl":true');
        };
        expect(await receives(account('USER'), account('DEVICE_USER')), `a service reads ${topic} the devices write`).toBe(true);
        expect(await receives(account('USER'), account('USER')), `the services' account may not write ${topic}`).toBe(false);
        expect(await receives(account('DEVICE_USER'), account('DEVICE_USER')), `the device account may not read ${topic}`).toBe(false);
      }
      await procs.stopAll();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
