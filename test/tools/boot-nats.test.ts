import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { natsPlan } from '../../generators/stack/flows';
import { Nats } from '../../assets/stand-in/stand-in.mjs';
import { findTool, toolAvailable } from './helpers';
import { Procs, STAND_IN, bootCases, freePort, metricSum, readBundle, removeCases, serviceEnv, sleep, startStandIn, tempDir, waitFor, requiredCredentials } from './boot';

/**
 * NATS booted with a generated nats.conf through the generated start.sh (which writes the user,
 * quoted, and its permissions), its JetStream stream and durable consumers created by the
 * generated init job (the stand-in's nats-init mode); the stand-in as producer and consumer:
 * a message published on the producer's subject is delivered through the subscriber's durable
 * consumer; one it cannot parse goes to dlq.<subject>. A password of digits only, or with
 * spaces, quotes and a backslash, works.
 */

const server = findTool('nats-server', ['/usr/sbin/nats-server']);
const cases = bootCases();
const withNats = cases.flatMap((c) => c.resolved.components.filter((x) => x.kind.id === 'nats').map((b) => [c, b] as const));
afterAll(() => removeCases(cases));

describe.skipIf(!toolAvailable('nats-server', !!server) || withNats.length === 0)('boot: NATS with JetStream, the generated configuration, and the stand-in on both ends', () => {
  const procs = new Procs();
  afterAll(() => procs.stopAll(), 30_000);

  it.each(withNats.flatMap(([c, b]) => [0, 1].map((variant) => [`${c.name}: ${b.service} (${variant === 0 ? 'password of digits only' : 'password with spaces, quotes and a backslash'})`, c, b, variant] as const)))('%s', async (_label, c, b, variant) => {
    // No .env, or a credential left blank: docker compose refuses to start it (never an open server).
    expect(requiredCredentials(c, b).length).toBeGreaterThan(0);
    expect(server, 'nats-server is not installed').toBeDefined();
    const dir = tempDir('nats');
    try {
      const env = { ...c.env, [b.credentials.PASSWORD!.variable]: variant === 0 ? '20241205' : 'pass word "q" \\ end' };
      const cc = { ...c, env };
      const [port, http] = [await freePort(), await freePort()];
      // The generated nats.conf and start.sh, with this machine's ports and paths.
      const conf = readBundle(c, `config/${b.id}/nats.conf`)
        .replace(/^port: 4222$/m, `port: ${port}\nhost: 127.0.0.1`)
        .replace(/^http_port: 8222$/m, `http_port: ${http}`)
        .replace('store_dir: /data/jetstream', `store_dir: ${join(dir, 'js')}`)
        ; // include ./auth.conf: next to it, as start.sh writes it
      writeFileSync(join(dir, 'nats.conf'), conf);
      const start = readBundle(c, `config/${b.id}/start.sh`).replaceAll('/tmp/nats', join(dir, 'run')).replace('/etc/nats/nats.conf', join(dir, 'nats.conf')).replace('exec nats-server', `exec ${server}`);
      writeFileSync(join(dir, 'start.sh'), start);
      const srv = procs.start('sh', [join(dir, 'start.sh')], { env: { PATH: process.env.PATH, ...serviceEnv(cc, b.service) } });
      await waitFor(`nats-server on ${port}`, async () => (await fetch(`http://127.0.0.1:${http}/healthz`)).ok, 20_000).catch((e) => {
        throw new Error(`${e.message}\n${procs.log(srv)}`);
      });
      const url = `nats://127.0.0.1:${port}`;
      const user = env[b.credentials.USER!.variable]!;
      const password = env[b.credentials.PASSWORD!.variable]!;

      // No credentials, no access.
      const anonymous = new Nats(url, '', '');
      anonymous.on('error', () => {});
      await expect(anonymous.connect()).rejects.toThrow(/Authorization Violation/i);
      anonymous.close();

      const plan = natsPlan(cc.resolved, b);
      const init = c.compose.services[`${b.service}-init`];
      // JetStream on (the default): an init job makes the stream and the durable consumers. Off:
      // core NATS, nothing kept, no init job and no dead-letter subjects.
      expect(!!init, 'an init job exactly when JetStream is on and there are subjects').toBe(b.props.jetstream !== false && plan.subjects.length > 0);
      const admin = new Nats(url, user, password);
      admin.on('error', () => {});
      await admin.connect();
      let stream = '';
      if (init) {
        // The init job: the stream over the design's subjects, a durable consumer per subscriber.
        const job = procs.start(process.execPath, [STAND_IN, 'nats-init'], { env: { PATH: process.env.PATH, ...serviceEnv(cc, `${b.service}-init`), NATS_URL: url } });
        const code = await new Promise<number | null>((res) => job.once('exit', res));
        expect(code, procs.log(job)).toBe(0);
        const spec = JSON.parse(serviceEnv(cc, `${b.service}-init`).NATS_INIT!) as { stream: { name: string; subjects: string[] }; consumers: Array<{ durable: string }> };
        stream = spec.stream.name;
        const info = (await admin.js(`STREAM.INFO.${stream}`)) as { config: { subjects: string[] } };
        expect(info.config.subjects).toEqual(spec.stream.subjects);
        for (const k of spec.consumers) expect(await admin.js(`CONSUMER.INFO.${stream}.${k.durable}`)).toMatchObject({ name: k.durable });
      } else for (const s of plan.subscriptions) expect(s.deadLetter, `${s.client.service}: core NATS keeps nothing to dead-letter into`).toEqual([]);

      const here = { [`${b.envPrefix}_URL`]: url };
      const tag = (t: string) => t === `nats:${b.envPrefix}`;
      const matches = (pattern: string, subject: string) => {
        const p = pattern.split('.');
        const x = subject.split('.');
        for (let i = 0; i < p.length; i++) {
          if (p[i] === '>') return x.length > i;
          if (i >= x.length || (p[i] !== '*' && p[i] !== x[i])) return false;
        }
        return p.length === x.length;
      };
      for (const s of plan.subscriptions) {
        const consumer = await startStandIn(procs, cc, s.client.service, tag, here);
        // The producers of what it reads (a wildcard publication is sent on a concrete subject by the stand-in).
        const producers = [...plan.publish].filter(([, subjects]) => subjects.some((x) => s.channels.some((r) => matches(r, x.replace(/\*/g, 'sim').replace(/>$/, 'event')))));
        // Producers run until the message reached the consumer (core NATS delivers only to a subscriber already there).
        const running = [];
        for (const [producer] of producers) {
          const p = await startStandIn(procs, cc, producer.service, tag, here);
          running.push(p);
          await waitFor(`${producer.service} publishes`, async () => metricSum(await p.metrics(), 'messages_published_total', { protocol: 'nats' }) > 0);
        }
        const durable = s.group ?? s.client.service;
        if (producers.length > 0) {
          await waitFor(`${s.client.service} consumes ${init ? `through ${durable}` : s.channels.join(', ')}`, async () => metricSum(await consumer.metrics(), 'messages_consumed_total', { protocol: 'nats' }) > 0, 20_000).catch((e) => {
            throw new Error(`${e.message}\n${consumer.log()}`);
          });
          if (init) {
            const ci = (await admin.js(`CONSUMER.INFO.${stream}.${durable}`)) as { delivered: { stream_seq: number } };
            expect(ci.delivered.stream_seq).toBeGreaterThan(0);
          }
        }
        for (const p of running) await procs.stop(p.proc);
        // A message it cannot parse: terminated and published to dlq.<subject>, which the stream keeps.
        const subject = s.channels.find((x) => !x.includes('*') && !x.includes('>')) ?? [...plan.publish.values()].flat().find((x) => s.channels.some((r) => matches(r, x)));
        if (!init || !subject || s.deadLetter.length === 0) {
          await procs.stop(consumer.proc);
          continue;
        }
        admin.publish(subject, 'this is not JSON');
        await waitFor(`dlq.${subject} holds the message`, async () => {
          const st = (await admin.js(`STREAM.INFO.${stream}`, { subjects_filter: `dlq.${subject}` })) as { state: { subjects?: Record<string, number> } };
          return (st.state.subjects?.[`dlq.${subject}`] ?? 0) > 0;
        }, 20_000).catch((e) => {
          throw new Error(`${e.message}\n${consumer.log()}`);
        });
        expect(metricSum(await consumer.metrics(), 'messages_failed_total', { protocol: 'nats' })).toBeGreaterThan(0);
        await procs.stop(consumer.proc);
      }
      admin.close();
      await procs.stop(srv);
      await sleep(100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

});
