import type { Ctx } from './context';

/**
 * What a field of the template says, and the statements in it that the generated files can
 * check (claims).
 *
 * - `fact`: made from the resolved model of this design (design-specific);
 * - `open`: the drawing cannot answer it: it becomes a question (see `decisions.ts`), with a
 *   suggestion when the design points to one;
 * - `unused`: the design does not use what the field is about (its whole section says so in one
 *   line).
 *
 * A decision written into the design's requirements is added on top (see `index.ts`).
 */
export type Answer = Fact | Open | Unused;

export interface Fact {
  readonly kind: 'fact';
  /** Inline Markdown: user text already escaped. */
  readonly text: string;
  /** A shorter phrase for the Prompt Template paragraph, when `text` is long; '' keeps it out of the paragraph (a "none"). */
  readonly short?: string;
  readonly claims: readonly Claim[];
}

export interface Open {
  readonly kind: 'open';
  /** Why the drawing does not answer it (inline Markdown). */
  readonly reason: string;
  /** A choice the design points to, and why. */
  readonly suggest?: { readonly value: string; readonly because: string };
  /** Statements the reason makes about the stack. */
  readonly claims: readonly Claim[];
}

export interface Unused {
  readonly kind: 'unused';
  readonly why: string;
}

export type Resolver = (ctx: Ctx) => Answer;

/** A design-specific answer. `claims` are statements the consistency test checks against the files. */
export const fact = (text: string, opts: { short?: string; claims?: readonly Claim[] } = {}): Fact => ({ kind: 'fact', text, ...(opts.short !== undefined ? { short: opts.short } : {}), claims: opts.claims ?? [] });

/** An answer the drawing cannot give. */
export const open = (reason: string, suggest?: { value: string; because: string }, claims: readonly Claim[] = []): Open => ({ kind: 'open', reason, ...(suggest ? { suggest } : {}), claims });

/** A section (or field) the design does not use. */
export const unused = (why: string): Unused => ({ kind: 'unused', why });

/**
 * One section of the template: its fields' resolvers, and when the design does not use what it is
 * about (a few words: "no ESB"), so that it says so in one line instead of ten open fields.
 */
export interface Section {
  readonly title: string;
  readonly unused?: (c: Ctx) => string | undefined;
  readonly fields: Readonly<Record<string, Resolver>>;
  /**
   * Fields whose resolver reads its own requirement (the Integration Overview's), so that a
   * decision written there is not shown a second time.
   */
  readonly ownKeys?: readonly string[];
}

// ── Claims ───────────────────────────────────────────────────────────────

/**
 * A checkable statement of the document about the generated stack. `text` is the Markdown the
 * document states it with (the consistency test finds it in INTEGRATION.md); the rest is what
 * the files must show.
 */
export type Claim = { readonly text: string } & (
  | { readonly type: 'network'; readonly network: string; readonly internal: boolean; readonly members: readonly string[] }
  | { readonly type: 'route'; readonly gateway: string; readonly path: string; readonly upstream: string; readonly port: number; readonly protocol: string }
  | { readonly type: 'route-timeout'; readonly gateway: string; readonly path: string; readonly timeoutMs: number }
  | { readonly type: 'versioned-route'; readonly gateway: string; readonly path: string; readonly version: string }
  | { readonly type: 'gateway-auth'; readonly gateway: string; readonly method: string }
  | { readonly type: 'rate-limit'; readonly gateway: string; readonly perMinute: number }
  | { readonly type: 'dead-letter'; readonly broker: string; readonly protocol: string; readonly channel: string; readonly serves: string }
  | { readonly type: 'retries'; readonly broker: string; readonly protocol: string; readonly client: string; readonly channels: readonly string[]; readonly retries: number }
  | { readonly type: 'channel-settings'; readonly broker: string; readonly protocol: string; readonly channel: string; readonly partitions?: number; readonly retentionHours?: number; readonly cleanupPolicy?: string }
  | { readonly type: 'channel'; readonly broker: string; readonly protocol: string; readonly channel: string; readonly channelKind: string }
  | { readonly type: 'client-auth'; readonly service: string; readonly required: boolean }
  | { readonly type: 'plaintext'; readonly service: string; readonly protocol: string }
  | { readonly type: 'alert'; readonly scraper: string; readonly alert: string; readonly family: string }
  | { readonly type: 'scrape'; readonly scraper: string; readonly job: string; readonly address: string }
  | { readonly type: 'port'; readonly service: string; readonly host: number; readonly container: number; readonly hostIp: string }
  | { readonly type: 'unpublished'; readonly service: string }
  | { readonly type: 'image'; readonly service: string; readonly image: string | null }
);

export type ClaimType = Claim['type'];
