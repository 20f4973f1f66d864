// Types of what the stand-in program exports: its protocol clients, which the boot tests use to
// drive the servers of a generated stack (the program itself is plain JavaScript).
import type { EventEmitter } from 'node:events';

export interface AmqpOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  vhost: string;
}

export class Amqp extends EventEmitter {
  constructor(opts: AmqpOptions);
  connect(): Promise<void>;
  publish(exchange: string, routingKey: string, body: string): void;
  method(channel: number, cls: number, method: number, args?: Buffer): void;
  expect(cls: number, method: number): Promise<Buffer>;
  close(): void;
}

export interface NatsMessage {
  subject: string;
  reply?: string;
  data: Buffer;
  status?: string;
}

export class Nats extends EventEmitter {
  constructor(url: string, user: string, password: string);
  connect(): Promise<void>;
  subscribe(subject: string, handler: (m: NatsMessage) => void): string;
  publish(subject: string, data: string | Buffer, reply?: string): void;
  request(subject: string, data: string, timeoutMs?: number): Promise<NatsMessage>;
  js(api: string, body?: unknown): Promise<Record<string, unknown>>;
  close(): void;
}

export class Pg {
  constructor(opts: { host: string; port: number; user: string; password: string; database: string });
  connect(): Promise<void>;
  query(sql: string): Promise<Array<Array<string | null>>>;
  close(): void;
}

export function respCommand(args: string[]): Buffer;
export function respReply(b: Buffer): [unknown, Buffer] | undefined;
export function concreteTopic(filter: string): string;
