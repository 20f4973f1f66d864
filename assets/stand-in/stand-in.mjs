// Topoforge stand-in: one small program that runs in place of every service you build until
// you give it an image of your own. Node.js, no dependencies (node:22-alpine in the stack).
//
// Configured only by its environment, which Topoforge derives from the design:
//   SERVICE_NAME, PORT, HEALTH_PATH, METRICS_PATH, ROLE (api, worker, batch, frontend, device),
//   PUBLISH_INTERVAL_SECONDS, DEVICES_SIMULATED,
//   TOPOFORGE_CONNECTIONS = <protocol>:<SERVER>,... and, for each, the variables <SERVER>_... .
//
// It serves HTTP/1.1 and cleartext HTTP/2 on PORT: the health path and /health answer 200,
// METRICS_PATH answers Prometheus metrics, gRPC health checks answer SERVING, anything else 200.
// It calls what the component calls, publishes a small JSON message on each of its channels
// every PUBLISH_INTERVAL_SECONDS, consumes its subscriptions, acknowledges what it can parse and
// rejects the rest (so that dead-lettering is exercised). It speaks HTTP, gRPC health, AMQP 0-9-1,
// MQTT 3.1.1, NATS (with JetStream), Redis and PostgreSQL; for other protocols it says in its log
// that it does not speak them, and does nothing there.
//
// `node stand-in.mjs nats-init` creates a JetStream stream and its durable consumers (NATS_URL,
// NATS_USER, NATS_PASSWORD, NATS_INIT) and exits.

import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { pathToFileURL } from 'node:url';

const env = process.env;
const SERVICE = env.SERVICE_NAME || 'stand-in';
const PORT = Number(env.PORT || 8080);
const HEALTH_PATH = env.HEALTH_PATH || '/health';
const METRICS_PATH = env.METRICS_PATH || '/metrics';
const ROLE = env.ROLE || 'api';
const INTERVAL_MS = Math.max(1, Number(env.PUBLISH_INTERVAL_SECONDS || 5)) * 1000;
const DEVICES = Math.max(1, Math.min(10, Number(env.DEVICES_SIMULATED || 1)));
const RETRY_MS = 5000;

const log = (...parts) => console.log(`[${SERVICE}]`, ...parts);
const list = (v) => (v || '').split(',').map((s) => s.trim()).filter(Boolean);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ── Metrics (Prometheus text format) ─────────────────────────────────────

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const families = {
  http_requests_total: { help: 'HTTP requests served, by method, path and status code.', type: 'counter', samples: new Map() },
  http_request_duration_seconds: { help: 'Time to serve HTTP requests, in seconds.', type: 'histogram', samples: new Map() },
  messages_published_total: { help: 'Messages published, by protocol and channel.', type: 'counter', samples: new Map() },
  messages_consumed_total: { help: 'Messages consumed and acknowledged, by protocol and channel.', type: 'counter', samples: new Map() },
  messages_failed_total: { help: 'Messages that could not be processed (rejected, dead-lettered or dropped), by protocol and channel.', type: 'counter', samples: new Map() },
};
const labelText = (labels) => Object.entries(labels).map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',');

function count(name, labels, by = 1) {
  const f = families[name];
  const key = labelText(labels);
  f.samples.set(key, (f.samples.get(key) || 0) + by);
}

function observe(labels, seconds) {
  const f = families.http_request_duration_seconds;
  const key = labelText(labels);
  let h = f.samples.get(key);
  if (!h) f.samples.set(key, (h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
  BUCKETS.forEach((b, i) => {
    if (seconds <= b) h.buckets[i]++;
  });
  h.sum += seconds;
  h.count++;
}

function exposition() {
  const out = [];
  for (const [name, f] of Object.entries(families)) {
    out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
    for (const [key, v] of f.samples) {
      if (f.type !== 'histogram') {
        out.push(`${name}{${key}} ${v}`);
        continue;
      }
      BUCKETS.forEach((b, i) => out.push(`${name}_bucket{${key},le="${b}"} ${v.buckets[i]}`));
      out.push(`${name}_bucket{${key},le="+Inf"} ${v.count}`, `${name}_sum{${key}} ${v.sum}`, `${name}_count{${key}} ${v.count}`);
    }
  }
  return `${out.join('\n')}\n`;
}

const message = (channel, seq, extra = {}) => JSON.stringify({ source: SERVICE, channel, seq, at: new Date().toISOString(), ...extra });

/** What a consumer does with a message: JSON is processed (acknowledged); anything else fails. */
function parse(body) {
  try {
    JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : body);
    return true;
  } catch {
    return false;
  }
}

// ── HTTP/1.1 and cleartext HTTP/2 (gRPC) on one port ─────────────────────

const pathLabel = (p) => (p === HEALTH_PATH || p === '/health' ? p : p === METRICS_PATH ? METRICS_PATH : 'other');

function handle(method, path, respond) {
  const started = process.hrtime.bigint();
  const done = (code, type, body) => {
    respond(code, type, body);
    const labels = { method, path: pathLabel(path) };
    count('http_requests_total', { ...labels, code: String(code) });
    observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  };
  if (path === METRICS_PATH) return done(200, 'text/plain; version=0.0.4', exposition());
  if (path === HEALTH_PATH || path === '/health') return done(200, 'application/json', JSON.stringify({ status: 'up', service: SERVICE }));
  return done(200, 'application/json', JSON.stringify({ service: SERVICE, role: ROLE, status: 'stand-in', path }));
}

const h1 = http.createServer((req, res) => {
  const path = (req.url || '/').split('?')[0];
  req.resume();
  req.on('end', () =>
    handle(req.method || 'GET', path, (code, type, body) => {
      res.writeHead(code, { 'content-type': type });
      res.end(body);
    }),
  );
});

/** gRPC: the standard health check answers SERVING; other methods are not implemented by a stand-in. */
const h2 = http2.createServer();
h2.on('stream', (stream, headers) => {
  const path = headers[':path'] || '/';
  const grpc = String(headers['content-type'] || '').startsWith('application/grpc');
  stream.on('error', () => {});
  stream.resume();
  stream.on('end', () => {
    if (!grpc) {
      handle(headers[':method'] || 'GET', path.split('?')[0], (code, type, body) => {
        stream.respond({ ':status': code, 'content-type': type });
        stream.end(body);
      });
      return;
    }
    const started = process.hrtime.bigint();
    const ok = path === '/grpc.health.v1.Health/Check';
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(ok ? { 'grpc-status': '0' } : { 'grpc-status': '12', 'grpc-message': 'not implemented by the Topoforge stand-in' }));
    // HealthCheckResponse { status: SERVING (1) }: field 1, varint 1.
    if (ok) stream.end(Buffer.from([0, 0, 0, 0, 2, 0x08, 0x01]));
    else stream.end();
    const labels = { method: 'POST', path: ok ? path : 'other' };
    count('http_requests_total', { ...labels, code: ok ? '200' : '501' });
    observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  });
});

// One port for both: a connection that starts with the HTTP/2 preface goes to the HTTP/2 server
// (listening on loopback only, since Node's HTTP/2 reads sockets natively), any other to HTTP/1.1.
const PREFACE = 'PRI * HTTP/2.0';
let h2Port = 0;
const server = net.createServer((socket) => {
  socket.on('error', () => {});
  socket.once('data', (chunk) => {
    if (chunk.toString('latin1', 0, PREFACE.length) === PREFACE) {
      const inner = net.connect({ host: '127.0.0.1', port: h2Port }, () => {
        inner.write(chunk);
        socket.pipe(inner).pipe(socket);
      });
      inner.on('error', () => socket.destroy());
      socket.on('close', () => inner.destroy());
      return;
    }
    socket.pause();
    socket.unshift(chunk);
    h1.emit('connection', socket);
    socket.resume();
  });
});

// ── HTTP and gRPC clients ────────────────────────────────────────────────

async function callHttp(prefix, url) {
  const timeout = Number(env[`${prefix}_TIMEOUT_MS`] || 5000);
  const retries = Number(env[`${prefix}_RETRIES`] || 0);
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeout), headers: { 'user-agent': `topoforge-stand-in/${SERVICE}` } });
      await res.arrayBuffer();
      return res.status;
    } catch (e) {
      if (attempt >= retries) throw e;
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    }
  }
}

function grpcHealth(address, timeoutMs) {
  return new Promise((resolve, reject) => {
    const client = http2.connect(`http://${address}`);
    const fail = (e) => {
      client.close();
      reject(e);
    };
    client.on('error', fail);
    const req = client.request({ ':method': 'POST', ':path': '/grpc.health.v1.Health/Check', 'content-type': 'application/grpc', te: 'trailers' });
    req.setTimeout(timeoutMs, () => fail(new Error('timeout')));
    let status = '';
    req.on('trailers', (t) => (status = String(t['grpc-status'] ?? '')));
    req.on('response', (h) => {
      if (h['grpc-status'] !== undefined) status = String(h['grpc-status']);
    });
    req.on('data', () => {});
    req.on('end', () => {
      client.close();
      resolve(status);
    });
    req.on('error', fail);
    req.end(Buffer.from([0, 0, 0, 0, 0]));
  });
}

function caller(protocol, prefix) {
  const tick = async () => {
    try {
      if (protocol === 'grpc') {
        const status = await grpcHealth(env[`${prefix}_ADDRESS`], Number(env[`${prefix}_TIMEOUT_MS`] || 5000));
        log(`grpc ${prefix}: health check answered grpc-status ${status}`);
      } else {
        const status = await callHttp(prefix, env[`${prefix}_URL`]);
        log(`${protocol} ${prefix}: GET ${env[`${prefix}_URL`]} answered ${status}`);
      }
    } catch (e) {
      log(`${protocol} ${prefix}: call failed: ${e.message}`);
    }
  };
  tick();
  return setInterval(tick, Math.max(INTERVAL_MS, 10000));
}

// ── A framed TCP connection with a read buffer ───────────────────────────

class Conn extends EventEmitter {
  constructor(host, port) {
    super();
    this.buf = Buffer.alloc(0);
    this.socket = net.connect({ host, port });
    this.socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.emit('data');
    });
    this.socket.on('error', (e) => this.emit('error', e));
    this.socket.on('close', () => this.emit('close'));
  }
  write(b) {
    this.socket.write(b);
  }
  close() {
    this.socket.destroy();
  }
}

// ── AMQP 0-9-1 (RabbitMQ) ────────────────────────────────────────────────

const shortstr = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([b.length]), b]);
};
const longstr = (s) => {
  const b = Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8');
  const l = Buffer.alloc(4);
  l.writeUInt32BE(b.length);
  return Buffer.concat([l, b]);
};
const u16 = (n) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

class Amqp extends EventEmitter {
  constructor(opts) {
    super();
    this.opts = opts;
    this.frameMax = 131072;
    this.waiting = [];
    this.deliveries = new Map();
  }

  frame(type, channel, payload) {
    this.conn.write(Buffer.concat([Buffer.from([type]), u16(channel), u32(payload.length), payload, Buffer.from([0xce])]));
  }

  method(channel, cls, m, args = Buffer.alloc(0)) {
    this.frame(1, channel, Buffer.concat([u16(cls), u16(m), args]));
  }

  /** Waits for method cls.m on a channel. */
  expect(cls, m) {
    return new Promise((resolve, reject) => this.waiting.push({ cls, m, resolve, reject }));
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.conn = new Conn(this.opts.host, this.opts.port);
      this.conn.on('error', (e) => {
        for (const w of this.waiting.splice(0)) w.reject(e);
        reject(e);
        this.emit('error', e);
      });
      this.conn.on('close', () => this.emit('close'));
      this.conn.on('data', () => this.read());
      this.conn.socket.on('connect', async () => {
        try {
          this.conn.write(Buffer.from('AMQP\x00\x00\x09\x01', 'latin1'));
          await this.expect(10, 10);
          const response = Buffer.concat([Buffer.from([0]), Buffer.from(this.opts.user, 'utf8'), Buffer.from([0]), Buffer.from(this.opts.password, 'utf8')]);
          this.method(0, 10, 11, Buffer.concat([u32(0), shortstr('PLAIN'), longstr(response), shortstr('en_US')]));
          const tune = await this.expect(10, 30);
          const channelMax = tune.readUInt16BE(0);
          const frameMax = tune.readUInt32BE(2);
          if (frameMax > 0) this.frameMax = Math.min(this.frameMax, frameMax);
          this.method(0, 10, 31, Buffer.concat([u16(channelMax), u32(this.frameMax), u16(0)]));
          this.method(0, 10, 40, Buffer.concat([shortstr(this.opts.vhost), shortstr(''), Buffer.from([0])]));
          await this.expect(10, 41);
          this.method(1, 20, 10, shortstr(''));
          await this.expect(20, 11);
          resolve();
        } catch (e) {
          reject(e);
        }
      });
    });
  }

  read() {
    for (;;) {
      const b = this.conn.buf;
      if (b.length < 7) return;
      const size = b.readUInt32BE(3);
      if (b.length < size + 8) return;
      const type = b[0];
      const payload = b.subarray(7, 7 + size);
      this.conn.buf = b.subarray(size + 8);
      this.onFrame(type, payload);
    }
  }

  onFrame(type, payload) {
    if (type === 1) {
      const cls = payload.readUInt16BE(0);
      const m = payload.readUInt16BE(2);
      const args = payload.subarray(4);
      if ((cls === 10 && m === 50) || (cls === 20 && m === 40)) {
        const code = args.readUInt16BE(0);
        const text = args.subarray(3, 3 + args[2]).toString();
        const e = new Error(`${cls === 10 ? 'connection' : 'channel'} closed by the broker: ${code} ${text}`);
        for (const w of this.waiting.splice(0)) w.reject(e);
        this.emit('error', e);
        this.conn.close();
        return;
      }
      if (cls === 60 && m === 60) {
        // Basic.Deliver: consumer tag, delivery tag, redelivered, exchange, routing key.
        let o = 1 + args[0];
        const tag = args.readBigUInt64BE(o);
        o += 9;
        const exchange = args.subarray(o + 1, o + 1 + args[o]).toString();
        this.delivery = { tag, exchange, body: [], size: -1, consumerTag: args.subarray(1, 1 + args[0]).toString() };
        return;
      }
      const i = this.waiting.findIndex((w) => w.cls === cls && w.m === m);
      if (i >= 0) this.waiting.splice(i, 1)[0].resolve(args);
      return;
    }
    if (type === 2 && this.delivery) {
      this.delivery.size = Number(payload.readBigUInt64BE(4));
      if (this.delivery.size === 0) this.deliver();
      return;
    }
    if (type === 3 && this.delivery) {
      this.delivery.body.push(Buffer.from(payload));
      if (Buffer.concat(this.delivery.body).length >= this.delivery.size) this.deliver();
    }
  }

  deliver() {
    const d = this.delivery;
    this.delivery = undefined;
    this.emit('message', { tag: d.tag, queue: this.consumers?.get(d.consumerTag), body: Buffer.concat(d.body) });
  }

  async qos(prefetch) {
    this.method(1, 60, 10, Buffer.concat([u32(0), u16(prefetch), Buffer.from([0])]));
    await this.expect(60, 11);
  }

  publish(exchange, routingKey, body) {
    const data = Buffer.from(body, 'utf8');
    this.method(1, 60, 40, Buffer.concat([u16(0), shortstr(exchange), shortstr(routingKey), Buffer.from([0])]));
    // Content header: class 60, weight 0, body size, content-type and delivery-mode 2 (persistent).
    this.frame(2, 1, Buffer.concat([u16(60), u16(0), u64(data.length), u16(0x8000 | 0x1000), shortstr('application/json'), Buffer.from([2])]));
    for (let o = 0; o < data.length; o += this.frameMax - 8) this.frame(3, 1, data.subarray(o, o + this.frameMax - 8));
  }

  async consume(queue) {
    const tag = `${SERVICE}.${queue}`;
    (this.consumers ??= new Map()).set(tag, queue);
    this.method(1, 60, 20, Buffer.concat([u16(0), shortstr(queue), shortstr(tag), Buffer.from([0]), u32(0)]));
    await this.expect(60, 21);
  }

  ack(tag) {
    this.method(1, 60, 80, Buffer.concat([u64(tag), Buffer.from([0])]));
  }

  /** Basic.Reject without requeue: the broker dead-letters the message where its queue says. */
  reject(tag) {
    this.method(1, 60, 90, Buffer.concat([u64(tag), Buffer.from([0])]));
  }

  close() {
    this.conn?.close();
  }
}

function amqpClient(prefix) {
  const publish = list(env[`${prefix}_PUBLISH`]).map((p) => {
    const i = p.lastIndexOf(':');
    return { exchange: p.slice(0, i), key: p.slice(i + 1) };
  });
  const queues = list(env[`${prefix}_CONSUME_QUEUES`]);
  for (const p of publish) count('messages_published_total', { protocol: 'amqp', channel: p.exchange }, 0);
  for (const q of queues) {
    count('messages_consumed_total', { protocol: 'amqp', channel: q }, 0);
    count('messages_failed_total', { protocol: 'amqp', channel: q }, 0);
  }
  let timer;
  const run = async () => {
    const c = new Amqp({ host: env[`${prefix}_HOST`], port: Number(env[`${prefix}_PORT`] || 5672), user: env[`${prefix}_USER`] || '', password: env[`${prefix}_PASSWORD`] || '', vhost: env[`${prefix}_VHOST`] || '/' });
    c.on('error', (e) => log(`amqp ${prefix}: ${e.message}`));
    c.on('close', () => {
      clearInterval(timer);
      log(`amqp ${prefix}: connection closed; reconnecting`);
      setTimeout(run, RETRY_MS);
    });
    try {
      await c.connect();
      log(`amqp ${prefix}: connected to ${env[`${prefix}_HOST`]}`);
      if (queues.length > 0) {
        await c.qos(Number(env[`${prefix}_PREFETCH`] || 10));
        c.on('message', (m) => {
          const channel = m.queue || 'unknown';
          if (parse(m.body)) {
            c.ack(m.tag);
            count('messages_consumed_total', { protocol: 'amqp', channel });
          } else {
            c.reject(m.tag);
            count('messages_failed_total', { protocol: 'amqp', channel });
            log(`amqp ${prefix}: rejected a message on ${channel} it cannot parse (dead-lettered if the queue has a dead-letter queue)`);
          }
        });
        for (const q of queues) await c.consume(q);
        log(`amqp ${prefix}: consuming ${queues.join(', ')}`);
      }
      let seq = 0;
      const tick = () => {
        for (const p of publish) {
          c.publish(p.exchange, p.key === '#' || p.key.includes('*') ? `${SERVICE}.event` : p.key, message(p.exchange, seq));
          count('messages_published_total', { protocol: 'amqp', channel: p.exchange });
        }
        seq++;
      };
      if (publish.length > 0) {
        tick();
        timer = setInterval(tick, INTERVAL_MS);
        log(`amqp ${prefix}: publishing to ${publish.map((p) => p.exchange).join(', ')} every ${INTERVAL_MS / 1000}s`);
      }
    } catch (e) {
      log(`amqp ${prefix}: ${e.message}; retrying`);
      c.removeAllListeners('close');
      c.close();
      setTimeout(run, RETRY_MS);
    }
  };
  run();
}

// ── MQTT 3.1.1 ───────────────────────────────────────────────────────────

const varint = (n) => {
  const out = [];
  do {
    let d = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) d |= 0x80;
    out.push(d);
  } while (n > 0);
  return Buffer.from(out);
};
const mqttStr = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([u16(b.length), b]);
};
const mqttPacket = (header, body) => Buffer.concat([Buffer.from([header]), varint(body.length), body]);

/** A concrete topic for a filter: each + level becomes "sim", a trailing # becomes "telemetry". */
export const concreteTopic = (filter) => filter.replace(/(^|\/)\+(?=\/|$)/g, '$1sim').replace(/(^|\/)#$/, '$1telemetry');

function mqttClient(prefix) {
  const pubs = list(env[`${prefix}_PUBLISH_TOPICS`]);
  const subs = list(env[`${prefix}_SUBSCRIBE_TOPICS`]);
  const qos = Math.min(1, Number(env[`${prefix}_QOS`] || 1));
  for (const t of pubs) count('messages_published_total', { protocol: 'mqtt', channel: t }, 0);
  for (const t of subs) {
    count('messages_consumed_total', { protocol: 'mqtt', channel: t }, 0);
    count('messages_failed_total', { protocol: 'mqtt', channel: t }, 0);
  }
  const matches = (filter, topic) => {
    const f = filter.split('/');
    const t = topic.split('/');
    for (let i = 0; i < f.length; i++) {
      if (f[i] === '#') return true;
      if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
    }
    return f.length === t.length;
  };
  const run = () => {
    const c = new Conn(env[`${prefix}_HOST`], Number(env[`${prefix}_PORT`] || 1883));
    let id = 1;
    let timers = [];
    const stop = () => {
      timers.forEach(clearInterval);
      timers = [];
    };
    c.on('error', (e) => log(`mqtt ${prefix}: ${e.message}`));
    c.on('close', () => {
      stop();
      log(`mqtt ${prefix}: connection closed; reconnecting`);
      setTimeout(run, RETRY_MS);
    });
    c.socket.on('connect', () => {
      const user = env[`${prefix}_USERNAME`];
      const pass = env[`${prefix}_PASSWORD`];
      const flags = (user ? 0x80 : 0) | (pass ? 0x40 : 0) | 0x02;
      const payload = [mqttStr(`${SERVICE}-${randomBytes(3).toString('hex')}`), ...(user ? [mqttStr(user)] : []), ...(pass ? [mqttStr(pass)] : [])];
      c.write(mqttPacket(0x10, Buffer.concat([mqttStr('MQTT'), Buffer.from([4, flags]), u16(60), ...payload])));
    });
    c.on('data', () => {
      for (;;) {
        const b = c.buf;
        if (b.length < 2) return;
        let len = 0;
        let mult = 1;
        let i = 1;
        for (; i < b.length; i++) {
          len += (b[i] & 0x7f) * mult;
          mult *= 128;
          if ((b[i] & 0x80) === 0) break;
        }
        if (i >= b.length || b.length < i + 1 + len) return;
        const type = b[0] >> 4;
        const body = b.subarray(i + 1, i + 1 + len);
        const flags = b[0] & 0x0f;
        c.buf = b.subarray(i + 1 + len);
        if (type === 2) {
          if (body[1] !== 0) {
            log(`mqtt ${prefix}: connection refused (return code ${body[1]}${body[1] === 4 ? ': bad user name or password' : body[1] === 5 ? ': not authorised' : ''})`);
            c.close();
            return;
          }
          log(`mqtt ${prefix}: connected to ${env[`${prefix}_HOST`]}`);
          if (subs.length > 0) c.write(mqttPacket(0x82, Buffer.concat([u16(id++), ...subs.flatMap((s) => [mqttStr(s), Buffer.from([qos])])])));
          timers.push(setInterval(() => c.write(Buffer.from([0xc0, 0])), 30000));
          if (pubs.length > 0) {
            let seq = 0;
            const tick = () => {
              for (const t of pubs) {
                const topic = concreteTopic(t);
                const n = ROLE === 'device' ? DEVICES : 1;
                for (let d = 1; d <= n; d++) {
                  const header = 0x30 | (qos << 1);
                  const payloadBody = Buffer.from(message(topic, seq, ROLE === 'device' ? { device: d, value: seq % 100 } : {}));
                  c.write(mqttPacket(header, Buffer.concat([mqttStr(topic), ...(qos > 0 ? [u16(id++ % 65535 || 1)] : []), payloadBody])));
                  count('messages_published_total', { protocol: 'mqtt', channel: t });
                }
              }
              seq++;
            };
            tick();
            timers.push(setInterval(tick, INTERVAL_MS));
            log(`mqtt ${prefix}: publishing to ${pubs.map(concreteTopic).join(', ')} every ${INTERVAL_MS / 1000}s`);
          }
        } else if (type === 9) {
          const refused = [...body.subarray(2)].some((r) => r === 0x80);
          log(`mqtt ${prefix}: ${refused ? 'a subscription was refused' : `subscribed to ${subs.join(', ')}`}`);
        } else if (type === 3) {
          const tl = body.readUInt16BE(0);
          const topic = body.subarray(2, 2 + tl).toString();
          const q = (flags >> 1) & 3;
          const payloadStart = 2 + tl + (q > 0 ? 2 : 0);
          if (q > 0) c.write(Buffer.concat([Buffer.from([0x40, 2]), body.subarray(2 + tl, 4 + tl)]));
          const channel = subs.find((s) => matches(s, topic)) || topic;
          if (parse(body.subarray(payloadStart))) count('messages_consumed_total', { protocol: 'mqtt', channel });
          else {
            count('messages_failed_total', { protocol: 'mqtt', channel });
            log(`mqtt ${prefix}: dropped a message on ${topic} it cannot parse (MQTT has no dead-letter queue)`);
          }
        }
      }
    });
  };
  run();
}

// ── NATS (core and JetStream) ────────────────────────────────────────────

class Nats extends EventEmitter {
  constructor(url, user, password) {
    super();
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port || 4222);
    this.user = user;
    this.password = password;
    this.sid = 1;
    this.subs = new Map();
    this.inbox = `_INBOX.${randomBytes(8).toString('hex')}`;
    this.replies = new Map();
    this.next = 1;
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.conn = new Conn(this.host, this.port);
      let ready = false;
      this.conn.on('error', (e) => {
        if (!ready) reject(e);
        this.emit('error', e);
      });
      this.conn.on('close', () => this.emit('close'));
      this.conn.on('data', () => {
        try {
          this.read((line) => {
            if (line.startsWith('INFO ')) {
              this.conn.write(`CONNECT ${JSON.stringify({ verbose: false, pedantic: false, user: this.user, pass: this.password, name: SERVICE, lang: 'node', version: '1', protocol: 1, headers: true, no_responders: true })}\r\nPING\r\n`);
            } else if (line === 'PONG' && !ready) {
              ready = true;
              this.subscribe(`${this.inbox}.>`, (m) => {
                const w = this.replies.get(m.subject);
                if (!w) return;
                if (!w.keep) this.replies.delete(m.subject);
                w.fn(m);
              });
              resolve();
            } else if (line.startsWith('-ERR')) {
              const e = new Error(`NATS error: ${line.slice(5)}`);
              if (!ready) reject(e);
              this.emit('error', e);
            }
          });
        } catch (e) {
          this.emit('error', e);
        }
      });
    });
  }

  read(onLine) {
    for (;;) {
      const b = this.conn.buf;
      const eol = b.indexOf('\r\n');
      if (eol < 0) return;
      const line = b.subarray(0, eol).toString();
      if (line.startsWith('MSG ') || line.startsWith('HMSG ')) {
        const parts = line.split(' ');
        const hmsg = parts[0] === 'HMSG';
        const total = Number(parts[parts.length - 1]);
        const hdrLen = hmsg ? Number(parts[parts.length - 2]) : 0;
        const reply = parts.length === (hmsg ? 6 : 5) ? parts[3] : undefined;
        if (b.length < eol + 2 + total + 2) return;
        const data = b.subarray(eol + 2, eol + 2 + total);
        this.conn.buf = b.subarray(eol + 2 + total + 2);
        const headers = hmsg ? data.subarray(0, hdrLen).toString() : '';
        const status = hmsg ? (/^NATS\/1\.0 (\d{3})/.exec(headers) || [])[1] : undefined;
        const handler = this.subs.get(parts[2]);
        if (handler) handler({ subject: parts[1], reply, data: Buffer.from(data.subarray(hdrLen)), status });
        continue;
      }
      this.conn.buf = b.subarray(eol + 2);
      if (line === 'PING') this.conn.write('PONG\r\n');
      else onLine(line);
    }
  }

  subscribe(subject, handler) {
    const sid = String(this.sid++);
    this.subs.set(sid, handler);
    this.conn.write(`SUB ${subject} ${sid}\r\n`);
    return sid;
  }

  publish(subject, data, reply) {
    const b = Buffer.from(data);
    this.conn.write(Buffer.concat([Buffer.from(`PUB ${subject}${reply ? ` ${reply}` : ''} ${b.length}\r\n`), b, Buffer.from('\r\n')]));
  }

  request(subject, data, timeoutMs = 5000) {
    const reply = `${this.inbox}.${this.next++}`;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.replies.delete(reply);
        reject(new Error(`no reply from ${subject}`));
      }, timeoutMs);
      this.replies.set(reply, {
        keep: false,
        fn: (m) => {
          clearTimeout(t);
          if (m.status === '503') reject(new Error(`no responder for ${subject} (is JetStream enabled, and is the user allowed?)`));
          else resolve(m);
        },
      });
      this.publish(subject, data, reply);
    });
  }

  /** A JetStream API call: its JSON answer, or an error. */
  async js(api, body) {
    const m = await this.request(`$JS.API.${api}`, body === undefined ? '' : JSON.stringify(body));
    const r = JSON.parse(m.data.toString() || '{}');
    if (r.error) {
      const e = new Error(`$JS.API.${api}: ${r.error.description || JSON.stringify(r.error)}`);
      e.code = r.error.err_code;
      e.status = r.error.code;
      throw e;
    }
    return r;
  }

  close() {
    this.conn?.close();
  }
}

function natsClient(prefix) {
  const pubs = list(env[`${prefix}_PUBLISH_SUBJECTS`]);
  const subs = list(env[`${prefix}_SUBSCRIBE_SUBJECTS`]);
  const dead = list(env[`${prefix}_DEAD_LETTER_SUBJECTS`]);
  const stream = env[`${prefix}_STREAM`];
  const durable = env[`${prefix}_DURABLE`];
  for (const s of pubs) count('messages_published_total', { protocol: 'nats', channel: s }, 0);
  for (const s of subs) {
    count('messages_consumed_total', { protocol: 'nats', channel: s }, 0);
    count('messages_failed_total', { protocol: 'nats', channel: s }, 0);
  }
  // A failed message goes to dlq.<its subject> when a dead-letter subject of this consumer covers it.
  const covers = (p, x) => {
    const a = p.split('.');
    const b = x.split('.');
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '>') return b.length > i;
      if (i >= b.length || (a[i] !== '*' && a[i] !== b[i])) return false;
    }
    return a.length === b.length;
  };
  const deadFor = (subject) => (dead.some((d) => covers(d, `dlq.${subject}`)) ? `dlq.${subject}` : undefined);
  const run = async () => {
    const c = new Nats(env[`${prefix}_URL`], env[`${prefix}_USER`] || '', env[`${prefix}_PASSWORD`] || '');
    let timer;
    let stopped = false;
    c.on('error', (e) => log(`nats ${prefix}: ${e.message}`));
    c.on('close', () => {
      stopped = true;
      clearInterval(timer);
      log(`nats ${prefix}: connection closed; reconnecting`);
      setTimeout(run, RETRY_MS);
    });
    try {
      await c.connect();
      log(`nats ${prefix}: connected to ${env[`${prefix}_URL`]}`);
      const onMessage = (m, ack, fail) => {
        const channel = subs.find((s) => s === m.subject) || subs[0] || m.subject;
        if (parse(m.data)) {
          ack();
          count('messages_consumed_total', { protocol: 'nats', channel });
        } else {
          fail();
          count('messages_failed_total', { protocol: 'nats', channel });
        }
      };
      if (subs.length > 0 && stream && durable) {
        // Pull from the durable consumer; a message it cannot parse goes to the dead-letter subject and is terminated.
        // JetStream delivers a pulled message with its own subject, to the subscription of the pull's reply inbox.
        const pullInbox = `_INBOX.${randomBytes(8).toString('hex')}`;
        let round;
        c.subscribe(pullInbox, (m) => {
          if (!round) return;
          if (m.status) {
            // 404 no messages, 408 request expired: this pull is over.
            round.done();
            return;
          }
          round.n++;
          onMessage(
            m,
            () => c.publish(m.reply, '+ACK'),
            () => {
              const d = deadFor(m.subject);
              if (d) c.publish(d, m.data);
              c.publish(m.reply, '+TERM');
              log(`nats ${prefix}: a message on ${m.subject} could not be parsed: ${d ? `sent to ${d}` : 'terminated'}`);
            },
          );
          if (round.n >= 10) round.done();
        });
        const pull = async () => {
          while (!stopped) {
            const got = await new Promise((resolve) => {
              const r = { n: 0 };
              const t = setTimeout(() => r.done(), 6000);
              r.done = () => {
                clearTimeout(t);
                if (round === r) round = undefined;
                resolve(r.n);
              };
              round = r;
              c.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`, JSON.stringify({ batch: 10, expires: 5_000_000_000 }), pullInbox);
            });
            if (got === 0) await sleep(200);
          }
        };
        pull().catch((e) => log(`nats ${prefix}: ${e.message}`));
        log(`nats ${prefix}: consuming ${subs.join(', ')} through durable consumer ${durable} of stream ${stream}`);
      } else if (subs.length > 0) {
        for (const s of subs) c.subscribe(s, (m) => onMessage(m, () => {}, () => log(`nats ${prefix}: dropped a message on ${m.subject} it cannot parse`)));
        log(`nats ${prefix}: subscribed to ${subs.join(', ')}`);
      }
      let seq = 0;
      const tick = () => {
        for (const s of pubs) {
          c.publish(s.includes('*') || s.includes('>') ? s.replace(/\*/g, 'sim').replace(/>$/, 'event') : s, message(s, seq));
          count('messages_published_total', { protocol: 'nats', channel: s });
        }
        seq++;
      };
      if (pubs.length > 0) {
        tick();
        timer = setInterval(tick, INTERVAL_MS);
        log(`nats ${prefix}: publishing to ${pubs.join(', ')} every ${INTERVAL_MS / 1000}s`);
      }
    } catch (e) {
      log(`nats ${prefix}: ${e.message}; retrying`);
      c.removeAllListeners('close');
      c.close();
      setTimeout(run, RETRY_MS);
    }
  };
  run();
}

/** `nats-init`: creates (or updates) the stream and creates the durable consumers, then exits. */
async function natsInit() {
  const spec = JSON.parse(env.NATS_INIT || '{}');
  for (let attempt = 1; ; attempt++) {
    const c = new Nats(env.NATS_URL, env.NATS_USER || '', env.NATS_PASSWORD || '');
    c.on('error', () => {});
    try {
      await c.connect();
      const s = spec.stream;
      const config = { name: s.name, subjects: s.subjects, retention: 'limits', storage: 'file', discard: 'old', num_replicas: 1, max_age: s.maxAgeSeconds * 1e9 };
      let exists = true;
      try {
        await c.js(`STREAM.INFO.${s.name}`);
      } catch (e) {
        if (e.code !== 10059) throw e;
        exists = false;
      }
      await c.js(`STREAM.${exists ? 'UPDATE' : 'CREATE'}.${s.name}`, config);
      console.log(`stream ${s.name} ${exists ? 'updated' : 'created'}: ${s.subjects.join(', ')}`);
      for (const k of spec.consumers || []) {
        const cc = { durable_name: k.durable, ack_policy: 'explicit', deliver_policy: 'all', ack_wait: 30e9, max_deliver: k.maxDeliver, ...(k.subjects.length === 1 ? { filter_subject: k.subjects[0] } : { filter_subjects: k.subjects }) };
        await c.js(`CONSUMER.DURABLE.CREATE.${s.name}.${k.durable}`, { stream_name: s.name, config: cc });
        console.log(`durable consumer ${k.durable} on ${k.subjects.join(', ')} (up to ${k.maxDeliver} deliveries)`);
      }
      c.close();
      return;
    } catch (e) {
      c.close();
      if (attempt >= 30) throw e;
      console.log(`nats-init: ${e.message}; retrying`);
      await sleep(2000);
    }
  }
}

// ── Redis (RESP) ─────────────────────────────────────────────────────────

function respCommand(args) {
  return Buffer.concat([Buffer.from(`*${args.length}\r\n`), ...args.map((a) => Buffer.concat([Buffer.from(`$${Buffer.byteLength(a)}\r\n`), Buffer.from(a), Buffer.from('\r\n')]))]);
}

/** One RESP reply from the start of `b`: [value, rest] or undefined when incomplete. */
function respReply(b) {
  const eol = b.indexOf('\r\n');
  if (eol < 0) return undefined;
  const line = b.subarray(1, eol).toString();
  const rest = b.subarray(eol + 2);
  switch (String.fromCharCode(b[0])) {
    case '+':
      return [line, rest];
    case '-':
      return [new Error(line), rest];
    case ':':
      return [Number(line), rest];
    case '$': {
      const n = Number(line);
      if (n < 0) return [null, rest];
      if (rest.length < n + 2) return undefined;
      return [rest.subarray(0, n).toString(), rest.subarray(n + 2)];
    }
    case '*': {
      let r = rest;
      const items = [];
      for (let i = 0; i < Number(line); i++) {
        const x = respReply(r);
        if (!x) return undefined;
        items.push(x[0]);
        r = x[1];
      }
      return [items, r];
    }
    default:
      return [new Error(`unexpected reply ${line}`), rest];
  }
}

function redisClient(prefix) {
  const run = () => {
    const c = new Conn(env[`${prefix}_HOST`], Number(env[`${prefix}_PORT`] || 6379));
    const pending = [];
    const send = (...args) =>
      new Promise((resolve) => {
        pending.push(resolve);
        c.write(respCommand(args));
      });
    let timer;
    c.on('error', (e) => log(`redis ${prefix}: ${e.message}`));
    c.on('close', () => {
      clearInterval(timer);
      setTimeout(run, RETRY_MS);
    });
    c.on('data', () => {
      for (;;) {
        const r = respReply(c.buf);
        if (!r) return;
        c.buf = r[1];
        pending.shift()?.(r[0]);
      }
    });
    c.socket.on('connect', async () => {
      const auth = await send('AUTH', env[`${prefix}_PASSWORD`] || '');
      if (auth instanceof Error) {
        log(`redis ${prefix}: ${auth.message}`);
        c.close();
        return;
      }
      log(`redis ${prefix}: connected (${env[`${prefix}_USAGE`] || 'cache'})`);
      const ttl = Number(env[`${prefix}_TTL_SECONDS`] || 300) || 300;
      let seq = 0;
      const tick = async () => {
        const r = await send('SET', `${SERVICE}:stand-in:${seq % 10}`, message('redis', seq), 'EX', String(ttl));
        if (r instanceof Error) log(`redis ${prefix}: ${r.message}`);
        seq++;
      };
      tick();
      timer = setInterval(tick, INTERVAL_MS);
    });
  };
  run();
}

// ── PostgreSQL ───────────────────────────────────────────────────────────

class Pg {
  constructor(opts) {
    this.opts = opts;
  }

  send(type, body) {
    const head = type ? Buffer.from(type) : Buffer.alloc(0);
    this.conn.write(Buffer.concat([head, u32(body.length + 4), body]));
  }

  /** Messages from the server, one at a time. */
  message() {
    return new Promise((resolve, reject) => {
      const tryRead = () => {
        const b = this.conn.buf;
        if (b.length < 5) return false;
        const len = b.readUInt32BE(1);
        if (b.length < len + 1) return false;
        this.conn.buf = b.subarray(len + 1);
        resolve({ type: String.fromCharCode(b[0]), body: b.subarray(5, len + 1) });
        return true;
      };
      if (tryRead()) return;
      const onData = () => {
        if (tryRead()) cleanup();
      };
      const onErr = (e) => {
        cleanup();
        reject(e);
      };
      const onClose = () => {
        cleanup();
        reject(new Error('connection closed'));
      };
      const cleanup = () => {
        this.conn.off('data', onData);
        this.conn.off('error', onErr);
        this.conn.off('close', onClose);
      };
      this.conn.on('data', onData);
      this.conn.on('error', onErr);
      this.conn.on('close', onClose);
    });
  }

  static error(body) {
    const fields = {};
    for (const part of body.toString().split('\0')) if (part) fields[part[0]] = part.slice(1);
    return new Error(`${fields.S || 'ERROR'} ${fields.C || ''}: ${fields.M || 'unknown error'}`);
  }

  async connect() {
    this.conn = new Conn(this.opts.host, this.opts.port);
    await new Promise((resolve, reject) => {
      this.conn.socket.once('connect', resolve);
      this.conn.once('error', reject);
    });
    const params = Buffer.from(`user\0${this.opts.user}\0database\0${this.opts.database}\0application_name\0${SERVICE}\0\0`);
    this.send('', Buffer.concat([u32(196608), params]));
    let scram;
    for (;;) {
      const m = await this.message();
      if (m.type === 'E') throw Pg.error(m.body);
      if (m.type === 'Z') return;
      if (m.type !== 'R') continue;
      const code = m.body.readUInt32BE(0);
      if (code === 3) this.send('p', Buffer.from(`${this.opts.password}\0`));
      else if (code === 5) {
        const inner = createHash('md5').update(this.opts.password + this.opts.user).digest('hex');
        this.send('p', Buffer.from(`md5${createHash('md5').update(Buffer.concat([Buffer.from(inner), m.body.subarray(4, 8)])).digest('hex')}\0`));
      } else if (code === 10) {
        const nonce = randomBytes(18).toString('base64');
        scram = { nonce, first: `n=,r=${nonce}` };
        const first = Buffer.from(`n,,${scram.first}`);
        this.send('p', Buffer.concat([Buffer.from('SCRAM-SHA-256\0'), u32(first.length), first]));
      } else if (code === 11) {
        const server = m.body.subarray(4).toString();
        const attrs = Object.fromEntries(server.split(',').map((kv) => [kv[0], kv.slice(2)]));
        if (!attrs.r.startsWith(scram.nonce)) throw new Error('SCRAM: the server nonce does not extend ours');
        const salted = pbkdf2Sync(this.opts.password.normalize('NFKC'), Buffer.from(attrs.s, 'base64'), Number(attrs.i), 32, 'sha256');
        const clientKey = createHmac('sha256', salted).update('Client Key').digest();
        const storedKey = createHash('sha256').update(clientKey).digest();
        const withoutProof = `c=biws,r=${attrs.r}`;
        const auth = `${scram.first},${server},${withoutProof}`;
        const signature = createHmac('sha256', storedKey).update(auth).digest();
        const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]));
        this.send('p', Buffer.from(`${withoutProof},p=${proof.toString('base64')}`));
      } else if (code !== 0 && code !== 12) throw new Error(`authentication method ${code} is not supported by the stand-in`);
    }
  }

  async query(sql) {
    this.send('Q', Buffer.from(`${sql}\0`));
    let error;
    const rows = [];
    for (;;) {
      const m = await this.message();
      if (m.type === 'E') error = Pg.error(m.body);
      else if (m.type === 'D') {
        const n = m.body.readUInt16BE(0);
        const row = [];
        let o = 2;
        for (let i = 0; i < n; i++) {
          const len = m.body.readInt32BE(o);
          o += 4;
          row.push(len < 0 ? null : m.body.subarray(o, o + len).toString());
          if (len > 0) o += len;
        }
        rows.push(row);
      } else if (m.type === 'Z') {
        if (error) throw error;
        return rows;
      }
    }
  }

  close() {
    this.conn?.close();
  }
}

function sqlClient(prefix) {
  const url = env[`${prefix}_URL`] || '';
  if (!url.startsWith('postgresql://')) {
    log(`sql ${prefix}: the stand-in does not speak ${url.split(':')[0] || 'this database'}'s protocol; it does not connect (your service will)`);
    return;
  }
  const outbox = env[`${prefix}_OUTBOX_TABLE`];
  const access = env[`${prefix}_ACCESS`] || 'read-write';
  const run = async () => {
    const c = new Pg({ host: env[`${prefix}_HOST`], port: Number(env[`${prefix}_PORT`] || 5432), user: env[`${prefix}_USER`] || '', password: env[`${prefix}_PASSWORD`] || '', database: env[`${prefix}_DATABASE`] || '' });
    try {
      await c.connect();
      log(`sql ${prefix}: connected to ${env[`${prefix}_HOST`]}/${env[`${prefix}_DATABASE`]}`);
      let seq = 0;
      for (;;) {
        if (outbox && access !== 'read') {
          // A row in the transactional outbox: change data capture publishes it to the broker.
          await c.query(`INSERT INTO "public"."${outbox.replace(/"/g, '')}" ("aggregatetype", "aggregateid", "type", "payload") VALUES ('${SERVICE}', '${seq}', 'StandInEvent', '${message(outbox, seq).replace(/'/g, "''")}')`);
          count('messages_published_total', { protocol: 'sql', channel: outbox });
        } else await c.query('SELECT 1');
        seq++;
        await sleep(INTERVAL_MS);
      }
    } catch (e) {
      log(`sql ${prefix}: ${e.message}; retrying`);
      c.close();
      setTimeout(run, RETRY_MS);
    }
  };
  if (outbox) count('messages_published_total', { protocol: 'sql', channel: outbox }, 0);
  run();
}

// ── Start ────────────────────────────────────────────────────────────────

function start() {
  h2.listen(0, '127.0.0.1', () => {
    h2Port = h2.address().port;
    server.listen(PORT, '0.0.0.0', () => log(`stand-in (${ROLE}) listening on ${PORT} (HTTP/1.1 and HTTP/2): ${HEALTH_PATH}, ${METRICS_PATH}`));
  });
  count('http_requests_total', { method: 'GET', path: HEALTH_PATH, code: '200' }, 0);
  count('http_requests_total', { method: 'GET', path: METRICS_PATH, code: '200' }, 0);
  const seen = new Set();
  for (const c of list(env.TOPOFORGE_CONNECTIONS)) {
    const [protocol, prefix] = c.split(':');
    if (!protocol || !prefix || seen.has(c)) continue;
    seen.add(c);
    switch (protocol) {
      case 'http':
      case 'graphql':
        caller(protocol, prefix);
        break;
      case 'grpc':
        caller(protocol, prefix);
        break;
      case 'amqp':
        amqpClient(prefix);
        break;
      case 'mqtt':
        mqttClient(prefix);
        break;
      case 'nats':
        natsClient(prefix);
        break;
      case 'redis':
        redisClient(prefix);
        break;
      case 'sql':
        sqlClient(prefix);
        break;
      default:
        log(`${protocol} ${prefix}: the stand-in does not speak ${protocol}; it does not connect (your service will). Its settings are in the ${prefix}_* variables.`);
        break;
    }
  }
  const stop = () => {
    log('stopping');
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// The protocol clients, for tests that drive the servers the stack runs.
export { Amqp, Nats, Pg, respCommand, respReply };

const main = !!process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (!main) {
  // Imported, not run: nothing starts.
} else if (process.argv[2] === 'nats-init') {
  natsInit().then(
    () => process.exit(0),
    (e) => {
      console.error(`nats-init failed: ${e.message}`);
      process.exit(1);
    },
  );
} else start();
