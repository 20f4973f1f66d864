import type { Component, Credential, Flow, ResolvedDesign } from '../../shared/resolve';
import { KIND_MODULES } from './index';
import type { KindId } from '../../shared/catalog';

/**
 * Environment values as the kind modules write them: literal text with references to `.env`
 * variables (credentials, addresses of external systems). Kept apart so that each target writes
 * them its own way: Compose doubles a literal `$` and writes a reference as `${VAR:?...}` (the
 * stack refuses to start without it); Kubernetes takes references from a Secret.
 */

/** A reference to a `.env` variable (required, unless it has a fallback: host ports do). */
export interface EnvRef {
  readonly ref: string;
  readonly fallback?: string;
}

export type EnvPart = string | EnvRef;

/** A value made of literal text and references. */
export interface EnvTemplate {
  readonly parts: readonly EnvPart[];
}

/** Literal text, or text with references. */
export type EnvValue = string | EnvTemplate;

export type Env = Record<string, EnvValue>;

export const ref = (variable: string, fallback?: string): EnvRef => (fallback === undefined ? { ref: variable } : { ref: variable, fallback });

const isCredential = (v: unknown): v is Credential => typeof v === 'object' && v !== null && 'variable' in v && 'ref' in v;

/**
 * A value with references, as a template: strings and numbers in `${}` are literal text; a
 * credential of the model or an `EnvRef` is a reference. env`amqp://${cr.USER}:${cr.PASSWORD}@mq:5672`
 */
export function env(strings: TemplateStringsArray, ...vals: ReadonlyArray<string | number | Credential | EnvRef>): EnvValue {
  const parts: EnvPart[] = [];
  const push = (p: EnvPart) => {
    if (typeof p === 'string') {
      if (p === '') return;
      const last = parts[parts.length - 1];
      if (typeof last === 'string') parts[parts.length - 1] = last + p;
      else parts.push(p);
    } else parts.push(p);
  };
  strings.forEach((s, i) => {
    push(s);
    if (i < vals.length) {
      const v = vals[i]!;
      if (typeof v === 'string' || typeof v === 'number') push(String(v));
      else if (isCredential(v)) push(ref(v.variable));
      else push(v);
    }
  });
  if (parts.length === 0) return '';
  return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : { parts };
}

/** The value of a credential alone. */
export const cred = (c: Credential): EnvValue => ({ parts: [ref(c.variable)] });

/** The variables a value refers to. */
export function refsOf(v: EnvValue): string[] {
  return typeof v === 'string' ? [] : v.parts.filter((p): p is EnvRef => typeof p !== 'string').map((p) => p.ref);
}

/** The literal text of a value, each reference written by `write`. */
export function envText(v: EnvValue, write: (variable: string, fallback?: string) => string, literal: (s: string) => string = (s) => s): string {
  return typeof v === 'string' ? literal(v) : v.parts.map((p) => (typeof p === 'string' ? literal(p) : write(p.ref, p.fallback))).join('');
}

/** A comma-separated list (the form every list variable takes). */
export const list = (values: readonly string[]): string => values.join(',');

/** One connection from a client to a component of the facet's kind. */
export interface ClientLink {
  readonly resolved: ResolvedDesign;
  readonly flow: Flow;
  readonly client: Component;
  readonly server: Component;
}

/**
 * The environment a client gets to reach a component of this kind over one connection.
 * Variables are named after the server: `<SERVER>_URL`, `<SERVER>_PASSWORD`,
 * `<SERVER>_PRODUCE_TOPICS`... (`<SERVER>` is its `envPrefix`).
 */
export type ClientEnvFacet = (link: ClientLink) => Env;

/**
 * Everything component `c` connects to, as its environment: each server's variables (the first
 * value set wins) and `TOPOFORGE_CONNECTIONS`, the list of `<protocol>:<SERVER>` it connects over
 * (what the stand-in reads to know which variables to look at). A pure function of the model:
 * the compose stack and the Kubernetes manifests give a client the same environment.
 */
export function clientEnvironment(resolved: ResolvedDesign, c: Component): Env {
  // Without a prototype: a dictionary for V8, not a hidden class per new variable name.
  const out = Object.create(null) as Env;
  const connections: string[] = [];
  for (const f of c.at) {
    const server = f.server;
    if (f.client !== c || !server || server === c || !f.protocol) continue;
    const facet = KIND_MODULES[server.kind.id as KindId].clientEnv;
    if (!facet) continue;
    const vars = facet({ resolved, flow: f, client: c, server });
    if (Object.keys(vars).length === 0) continue;
    const tag = `${f.protocol}:${server.envPrefix}`;
    if (!connections.includes(tag)) connections.push(tag);
    for (const [k, v] of Object.entries(vars)) if (!(k in out)) out[k] = v;
  }
  if (connections.length > 0) out.TOPOFORGE_CONNECTIONS = list(connections);
  return out;
}
