/**
 * Canvas benchmark in headless Chromium: the built app with a 1,000- and a 5,000-component design
 * against a bare React Flow page (bare.tsx: default nodes and edges, no culling, nothing else) rendering
 * the same graph in a box of the same size, in the same run. Measured on both:
 *
 * - first render: from navigation (performance.now() = 0) until every component and connection
 *   is in the DOM with the fitted viewport, two frames in a row, and the next task has run
 *   (the canvas answers input). The app reopens the design from its autosave, as a reload does
 *   (restoring and checking it, deriving the canvas); the bare page fetches graph.json;
 * - frames per second during 3 s of scripted wheel zooming and middle-button panning;
 * - frame times while dragging one component (zoomed in around it, as a user would).
 *
 * The figures to quote are the ratios app / bare: the machines are shared and noisy.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serializeTopology } from '../../../shared/model/serialize';
import type { Topology } from '../../../shared/model/types';
import { createEdgeDeriver, createNodeDeriver } from '../../../renderer/store/derive';
import { median } from '../measure';
import { synthesizeDesign } from '../synth';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1920, height: 1080 };
const AUTOSAVE_KEY = 'topoforge:autosave:v1';
const HERE = fileURLToPath(new URL('.', import.meta.url));

export interface Side {
  /** First render, ms after navigation (median of the loads). */
  firstRenderMs: number;
  firstRenderRuns: number[];
  /** Frames per second during the pan/zoom script (mean of the rounds). */
  panZoomFps: number;
  panZoomRounds: number[];
  /** Mean and 95th percentile frame time while dragging a component, ms. */
  dragFrameMs: number;
  dragFrameP95Ms: number;
  /** Long tasks (over 50 ms) during the drag, total ms. */
  dragLongTaskMs: number;
  /** The drop: the longest gap between frames and the long tasks from the button's release to 600 ms after it, ms. */
  dropGapMs: number;
  dropLongTaskMs: number;
  /** The press that starts the drag: the long tasks from before the button goes down to the first move, ms. */
  pressLongTaskMs: number;
  /** A plain click on another component after the drag: the longest frame gap and the long tasks from the press to 600 ms after the release. */
  clickGapMs: number;
  clickLongTaskMs: number;
  /** Elements in the DOM when ready. */
  nodesInDom: number;
  edgesInDom: number;
}

export interface CanvasResult {
  chromium: string;
  design: { nodes: number; edges: number };
  canvas: { width: number; height: number };
  app: Side;
  bare: Side;
  ratios: { firstRender: number; panZoomFps: number; dragFrame: number };
  /** The zoom of each page during the pan/zoom rounds (both fitted to the whole design). */
  zoom: { app: number; bare: number };
}

/** A 10k design opened in the app through its Open path (file input), until it answers input. */
export interface OpenResult {
  design: { nodes: number; edges: number; bytes: number };
  /** From the file input's change event until a component of the new design is on the canvas. */
  shownMs: number;
  /** From the change event until a click on that component (sent as soon as it showed) has selected it. */
  interactiveMs: number;
  /** Typing 20 characters into the selected component's label at about 8 a second: frame gaps and long tasks meanwhile. */
  typing: { longestFrameMs: number; longTaskMs: number; keys: number; labelShown: boolean };
}

export interface CanvasRun {
  chromium: string;
  bundle: BundleSize;
  sizes: CanvasResult[];
  open?: OpenResult;
}

export interface BundleSize {
  /** Every JS file of the built app, gzip bytes. */
  jsGzip: number;
  /** The JS and CSS the page loads at start (index.html's script and its static imports), gzip bytes. */
  initialGzip: number;
  cssGzip: number;
  files: Array<{ file: string; bytes: number; gzip: number }>;
}

export type CanvasOutcome = { ok: true; result: CanvasRun } | { ok: false; skipped: string };

/** The synthetic design of the canvas bench: `n` components (and 1.5 connections per component). */
export function canvasDesign(n = 1_000): Topology {
  const doc = synthesizeDesign(n, 7);
  return { ...doc, edges: doc.edges.slice(0, Math.round(n * 1.5)) };
}

/** The app's nodes and edges for `doc` as plain React Flow default nodes and edges (same ids, positions, sizes). */
export function bareGraph(doc: Topology): { nodes: unknown[]; edges: unknown[] } {
  const sel = { nodes: [], edges: [] };
  const nodes = createNodeDeriver()(doc, sel).map((n) =>
    n.type === 'zone'
      ? { id: n.id, type: 'group', position: n.position, style: { width: n.width, height: n.height }, zIndex: -1, data: { label: n.data.group.label } }
      : { id: n.id, position: n.position, data: { label: n.data.node.label } },
  );
  const edges = createEdgeDeriver()(doc, sel).map((e) => ({ id: e.id, source: e.source, target: e.target }));
  return { nodes, edges };
}

/**
 * The in-page probe (the same script on both pages): frame timestamps, long tasks, and when the
 * graph is ready. Plain JavaScript text: the TypeScript loader would wrap a serialised function's
 * inner functions in a helper the page does not have.
 */
export const PROBE = `(function (expect) {
  var b = { frames: [], longTasks: [], ready: null, readyIdle: null, counts: [0, 0], marks: {} };
  window.__bench = b;
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { b.longTasks.push([e.startTime, e.duration]); });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* no long task timing: the frame times still tell */ }
  var last = '';
  var stable = 0;
  function tick(t) {
    b.frames.push(t);
    if (b.ready === null) {
      var vp = document.querySelector('.react-flow__viewport');
      var n = document.querySelectorAll('.react-flow__node').length;
      var e = document.querySelectorAll('.react-flow__edge').length;
      var tr = vp ? vp.style.transform : '';
      if (n > 0 && b.marks.someNodes === undefined) b.marks.someNodes = t;
      if (n >= expect.nodes && b.marks.allNodes === undefined) b.marks.allNodes = t;
      if (e >= expect.edges && b.marks.allEdges === undefined) b.marks.allEdges = t;
      var fitted = !!vp && tr !== '' && !/scale\\(1\\)$/.test(tr);
      // inView: a page that draws only what is in view (the app at 5,000 components) is ready when
      // what it shows has stopped changing for three frames; else every element must be there.
      var key = tr + '|' + n + '|' + e;
      var enough = expect.inView ? n > 0 && (e > 0 || expect.edges === 0) : n >= expect.nodes && e >= expect.edges;
      stable = fitted && enough && key === last ? stable + 1 : 0;
      last = key;
      if (stable >= (expect.inView ? 2 : 1)) {
        b.ready = performance.now();
        b.counts = [n, e];
        setTimeout(function () { b.readyIdle = performance.now(); }, 0);
      }
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})`;

type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;
type BrowserContext = import('playwright-core').BrowserContext;

interface Loaded {
  context: BrowserContext;
  page: Page;
  readyIdle: number;
  counts: [number, number];
}

/** The app's autosave entry for `doc`, as the app writes it (renderer/app/autosave.ts): a reload restores it. */
function autosaveOf(doc: Topology): string {
  return JSON.stringify({ text: serializeTopology(doc), design: doc, dirty: false });
}

interface Expect {
  nodes: number;
  edges: number;
  /** Ready when what is in view is drawn (the page culls), rather than every element. */
  inView?: boolean;
}

async function load(browser: Browser, url: string, origin: string, expect: Expect, autosave?: string): Promise<Loaded> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  // Offline: only the local server answers.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    return u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:') ? route.continue() : route.abort();
  });
  if (autosave !== undefined) {
    await context.addInitScript(
      ([key, value]) => {
        localStorage.setItem(key, value);
      },
      [AUTOSAVE_KEY, autosave] as const,
    );
  }
  await context.addInitScript({ content: `${PROBE}(${JSON.stringify(expect)});` });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  try {
    await page.waitForFunction(() => (window as unknown as { __bench: { readyIdle: number | null } }).__bench.readyIdle !== null, undefined, { timeout: 90_000, polling: 100 });
  } catch (e) {
    const counts = await page.evaluate(() => [document.querySelectorAll('.react-flow__node').length, document.querySelectorAll('.react-flow__edge').length]);
    throw new Error(`${url}: the graph never showed (${counts[0]} nodes and ${counts[1]} edges in the DOM, expected ${expect.nodes} and ${expect.edges})${errors.length ? `; page errors: ${errors.join('; ')}` : ''}: ${(e as Error).message}`);
  }
  const r = await page.evaluate(() => (window as unknown as { __bench: { readyIdle: number; counts: [number, number] } }).__bench);
  return { context, page, readyIdle: r.readyIdle, counts: r.counts };
}

async function canvasBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator('.react-flow').first().boundingBox();
  if (!box) throw new Error('no .react-flow element');
  return box;
}

async function framesBetween(page: Page, a: number, b: number): Promise<{ frames: number[]; longTaskMs: number }> {
  return page.evaluate(
    ([from, to]) => {
      const bench = (window as unknown as { __bench: { frames: number[]; longTasks: Array<[number, number]> } }).__bench;
      return { frames: bench.frames.filter((t) => t >= from && t <= to), longTaskMs: bench.longTasks.filter(([s]) => s >= from && s <= to).reduce((n, [, d]) => n + d, 0) };
    },
    [a, b] as const,
  );
}

const now = (page: Page) => page.evaluate(() => performance.now());

/** 3 s of wheel zooming in and out at the centre and middle-button panning; the page's frame rate meanwhile. */
async function panZoom(page: Page, ms = 3_000): Promise<number> {
  const box = await canvasBox(page);
  const cx = Math.round(box.x + box.width / 2);
  const cy = Math.round(box.y + box.height / 2);
  await page.mouse.move(cx, cy);
  await page.waitForTimeout(300);
  const start = await now(page);
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    for (let i = 0; i < 8 && Date.now() - t0 < ms; i++) await page.mouse.wheel(0, -100);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 100);
    await page.mouse.down({ button: 'middle' });
    for (let i = 1; i <= 10; i++) await page.mouse.move(cx + i * 24, cy + i * 12);
    for (let i = 9; i >= 0; i--) await page.mouse.move(cx + i * 24, cy + i * 12);
    await page.mouse.up({ button: 'middle' });
  }
  const end = await now(page);
  const { frames } = await framesBetween(page, start, end);
  if (frames.length < 2) return 0;
  return ((frames.length - 1) * 1000) / (frames[frames.length - 1]! - frames[0]!);
}

interface GrabPoint {
  id: string;
  x: number;
  y: number;
  left: number;
}

/**
 * In-page source (plain JavaScript: the TypeScript loader would wrap inner functions in a helper
 * the page does not have): a point of a component that the pointer reaches (connections are drawn
 * above components), nearest the centre `c` first. `others` false: the component `id` is tried
 * first; true: it and the selected ones are left out (a click on another component).
 */
const GRAB_POINT = `function (id, c, others) {
  var els = Array.prototype.slice.call(document.querySelectorAll('.react-flow__node-topo, .react-flow__node-default'));
  if (others) els = els.filter(function (el) { return el.dataset.id !== id && !el.classList.contains('selected'); });
  function dist(el) { var r = el.getBoundingClientRect(); return Math.pow(r.left + r.width / 2 - c.x, 2) + Math.pow(r.top + r.height / 2 - c.y, 2); }
  els.sort(function (a, b) { return !others && a.dataset.id === id ? -1 : !others && b.dataset.id === id ? 1 : dist(a) - dist(b); });
  var spots = [[0.5, 0.5], [0.15, 0.5], [0.85, 0.5], [0.3, 0.25], [0.7, 0.75], [0.5, 0.2], [0.5, 0.8]];
  for (var i = 0; i < els.length; i++) {
    var r = els[i].getBoundingClientRect();
    for (var j = 0; j < spots.length; j++) {
      var x = r.left + r.width * spots[j][0], y = r.top + r.height * spots[j][1];
      var hit = document.elementFromPoint(x, y);
      var n = hit && hit.closest('.react-flow__node');
      if (n && n.dataset.id === els[i].dataset.id) return { id: n.dataset.id, x: x, y: y, left: r.left };
    }
  }
  return null;
}`;

/** Zooms in around the component nearest the canvas centre and drags it 600 px in 60 moves; the frame times meanwhile. */
async function dragNode(page: Page, log?: (s: string) => void): Promise<{ mean: number; p95: number; longTaskMs: number; dropGap: number; dropLongTaskMs: number; pressLongTaskMs: number; clickGap: number; clickLongTaskMs: number }> {
  const box = await canvasBox(page);
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const pick = async () =>
    page.evaluate((c) => {
      let best: { id: string; x: number; y: number; d: number } | undefined;
      for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node-topo, .react-flow__node-default')) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const d = (x - c.x) ** 2 + (y - c.y) ** 2;
        if (!best || d < best.d) best = { id: el.dataset.id ?? '', x, y, d };
      }
      return best;
    }, centre);
  // Zoomed in around the component nearest the centre. The app draws a large design fitted as one
  // bitmap (no component in the DOM): it is zoomed in around the centre, the same 14 steps, and
  // the component nearest the centre is taken there.
  let first = await pick();
  await page.mouse.move(first?.x ?? centre.x, first?.y ?? centre.y);
  for (let i = 0; i < 14; i++) await page.mouse.wheel(0, -100);
  await page.waitForTimeout(500);
  first ??= await pick();
  if (!first) throw new Error('no component to drag');
  // A point of that component (or, if connections cover it, of the nearest one not covered) that the pointer reaches.
  const target = (await page.evaluate(`(${GRAB_POINT})(${JSON.stringify(first.id)}, ${JSON.stringify(centre)}, false)`)) as GrabPoint | null;
  if (!target) throw new Error('no component in view that the pointer can grab');
  await page.mouse.move(target.x, target.y);
  const pressAt = await now(page);
  await page.mouse.down();
  const start = await now(page);
  for (let i = 1; i <= 60; i++) await page.mouse.move(target.x + i * 10, target.y + (i % 10) * 2);
  const end = await now(page);
  await page.mouse.up();
  // The drop: the frames until 600 ms after the release (the design takes the positions, the view redraws).
  await page.waitForTimeout(600);
  const drop = await framesBetween(page, end, end + 600);
  const dropGaps = drop.frames.slice(1).map((t, i) => t - drop.frames[i]!);
  // The drag moved it (else the frames measured were of nothing).
  const left = await page.evaluate((id) => document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect().left ?? NaN, target.id);
  if (!(Math.abs(left - target.left - 600) < 60)) throw new Error(`the dragged component ${target.id} did not follow the pointer (moved ${Math.round(left - target.left)} px of 600)`);
  const { frames, longTaskMs } = await framesBetween(page, start, end);
  const deltas = frames.slice(1).map((t, i) => t - frames[i]!);
  // Where in the drag the missed vsyncs fall: each frame gap over 17 ms, by its frame's number and time after the press.
  if (log && frames.length) {
    const late = deltas.map((d, i) => (d > 17 ? `#${i + 1} @${Math.round(frames[i + 1]! - start)}ms: ${d.toFixed(1)}` : '')).filter(Boolean);
    log(`drag: ${deltas.length} frame gaps, first frame ${Math.round(frames[0]! - start)} ms after the press; over 17 ms: ${late.join(', ') || 'none'}`);
  }
  // The press (a change that moves work out of the drag into the press must show here).
  const press = await framesBetween(page, pressAt, start);
  // A plain click (press and release, no move) on another component: the longest frame gap and
  // the long tasks from the press to 600 ms after the release (work moved to the press must not
  // make a click slower unseen).
  await page.waitForTimeout(600);
  const other = (await page.evaluate(`(${GRAB_POINT})(${JSON.stringify(target.id)}, ${JSON.stringify(centre)}, true)`)) as GrabPoint | null;
  let click = { gap: NaN, longTaskMs: NaN };
  if (other) {
    await page.mouse.move(other.x, other.y);
    await page.waitForTimeout(300);
    const c0 = await now(page);
    await page.mouse.down();
    await page.mouse.up();
    const c1 = await now(page);
    await page.waitForTimeout(600);
    const cf = await framesBetween(page, c0, c1 + 600);
    const gaps = [cf.frames[0]! - c0, ...cf.frames.slice(1).map((t, i) => t - cf.frames[i]!)];
    // (Not counted unless the click selected what it pressed.)
    const selected = await page.evaluate((id) => document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.classList.contains('selected') ?? false, other.id);
    if (selected) click = { gap: Math.max(...gaps), longTaskMs: cf.longTaskMs };
  }
  const dropped = { dropGap: dropGaps.length ? Math.max(...dropGaps) : NaN, dropLongTaskMs: drop.longTaskMs, pressLongTaskMs: press.longTaskMs, clickGap: click.gap, clickLongTaskMs: click.longTaskMs };
  if (!deltas.length) return { mean: end - start, p95: end - start, longTaskMs, ...dropped };
  const sorted = [...deltas].sort((a, b) => a - b);
  return { mean: deltas.reduce((a, b) => a + b, 0) / deltas.length, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!, longTaskMs, ...dropped };
}

function gz(path: string): { bytes: number; gzip: number } {
  const data = readFileSync(path);
  return { bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** Sizes of the built app: every JS chunk, and what index.html loads at start (script, its static imports, CSS). */
export function bundleSize(dir: string): BundleSize {
  const files: BundleSize['files'] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) {
        if (f !== 'bare') walk(p);
      } else if (/\.(js|css)$/.test(f)) files.push({ file: p.slice(dir.length + 1), ...gz(p) });
    }
  };
  walk(dir);
  files.sort((a, b) => b.gzip - a.gzip);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)) initial.add(m[1]!);
  // Static imports of the entry chunks (modulepreload links are in the html already; follow `import "./x.js"` / `from "./x.js"` too).
  const queue = [...initial].filter((f) => f.endsWith('.js'));
  while (queue.length) {
    const f = queue.pop()!;
    const p = join(dir, f);
    if (!existsSync(p)) continue;
    const text = readFileSync(p, 'utf8');
    for (const m of text.matchAll(/(?:^|[;\s}])(?:import\s*|from\s*)["'](\.\/[^"']+\.js)["']/g)) {
      const rel = join(f, '..', m[1]!).replace(/\\/g, '/');
      if (!initial.has(rel)) {
        initial.add(rel);
        queue.push(rel);
      }
    }
  }
  const byFile = new Map(files.map((f) => [f.file, f]));
  return {
    jsGzip: files.filter((f) => f.file.endsWith('.js')).reduce((n, f) => n + f.gzip, 0),
    initialGzip: [...initial].reduce((n, f) => n + (byFile.get(f)?.gzip ?? 0), 0),
    cssGzip: files.filter((f) => f.file.endsWith('.css')).reduce((n, f) => n + f.gzip, 0),
    files,
  };
}

/** The zoom of the page's canvas, read from React Flow's viewport transform. */
async function zoomOf(page: Page): Promise<number> {
  return page.evaluate(() => {
    const m = /scale\(([\d.e-]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '');
    return m ? Number(m[1]) : NaN;
  });
}

/** One design size: first render (3 loads each), pan/zoom fps (2 rounds each, both pages fitted to the whole design), drag. */
async function benchSize(browser: Browser, served: { url: string }, origin: string, out: string, n: number, log: (s: string) => void): Promise<CanvasResult> {
  const doc = canvasDesign(n);
  const graph = bareGraph(doc);
  writeFileSync(join(out, 'bare', `graph-${n}.json`), JSON.stringify(graph));
  const design = autosaveOf(doc);
  const expect: Expect = { nodes: graph.nodes.length, edges: graph.edges.length };
  // The app opens a large design at a readable zoom and draws only what is in view there.
  const expectApp: Expect = { ...expect, inView: true };
  const appUrl = served.url;
  let size = { width: 0, height: 0 };
  const bareUrl = () => `${served.url}bare/bare.html?w=${Math.round(size.width)}&h=${Math.round(size.height)}&graph=graph-${n}.json`;
  const first = { app: [] as number[], bare: [] as number[] };
  const counts = { app: [0, 0] as [number, number], bare: [0, 0] as [number, number] };
  const keep: Partial<Record<'app' | 'bare', Loaded>> = {};
  const LOADS = 3;
  for (let i = 0; i < LOADS; i++) {
    log(`${n}: first render, round ${i + 1} of ${LOADS}...`);
    const a = await load(browser, appUrl, origin, expectApp, design);
    if (i === 0) {
      const box = await canvasBox(a.page);
      size = { width: box.width, height: box.height };
    }
    first.app.push(a.readyIdle);
    counts.app = a.counts;
    const b = await load(browser, bareUrl(), origin, expect);
    first.bare.push(b.readyIdle);
    counts.bare = b.counts;
    for (const [k, l] of [['app', a], ['bare', b]] as const) {
      if (i === LOADS - 1) keep[k] = l;
      else await l.context.close();
    }
  }
  const app = keep.app!;
  const bare = keep.bare!;
  // The same view on both: the whole design (the bare page starts fitted; the app is asked to fit).
  await app.page.getByRole('button', { name: 'Fit view', exact: true }).first().click();
  await app.page.waitForTimeout(1_500);
  await bare.page.waitForTimeout(1_000);
  const zoom = { app: await zoomOf(app.page), bare: await zoomOf(bare.page) };

  const fps = { app: [] as number[], bare: [] as number[] };
  for (let i = 0; i < 2; i++) {
    log(`${n}: pan and zoom, round ${i + 1} of 2...`);
    fps.app.push(await panZoom(app.page));
    fps.bare.push(await panZoom(bare.page));
  }
  log(`${n}: dragging a component...`);
  // TOPOFORGE_BENCH_PROFILE=file.cpuprofile: a CPU profile of the app while it is dragged
  // (open it in Chromium's DevTools, Performance tab), to find what runs in its long tasks.
  const profileTo = process.env.TOPOFORGE_BENCH_PROFILE?.replace(/(\.cpuprofile)?$/, `-${n}$1`);
  const cdp = profileTo ? await app.page.context().newCDPSession(app.page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // TOPOFORGE_BENCH_TRACE=file.json: a Chromium trace of the app while it is dragged (style,
  // layout, paint, hit testing and script per frame; open it in DevTools' Performance tab).
  const traceTo = process.env.TOPOFORGE_BENCH_TRACE?.replace(/(\.json)?$/, `-${n}$1`);
  const tracing = traceTo ? await app.page.context().newCDPSession(app.page) : undefined;
  const traceEvents: unknown[] = [];
  const traced = tracing ? new Promise<void>((resolve) => tracing.on('Tracing.tracingComplete', () => resolve())) : undefined;
  if (tracing) {
    tracing.on('Tracing.dataCollected', (e) => void traceEvents.push(...(e.value as unknown[])));
    await tracing.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  }
  const dragApp = await dragNode(app.page, process.env.TOPOFORGE_BENCH_FRAMES ? log : undefined);
  if (tracing && traceTo) {
    await app.page.waitForTimeout(300);
    await tracing.send('Tracing.end');
    await traced;
    writeFileSync(traceTo, JSON.stringify({ traceEvents }));
    log(`wrote a trace of the drag to ${traceTo}`);
  }
  if (cdp && profileTo) {
    await app.page.waitForTimeout(300);
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
    log(`wrote a CPU profile of the drag to ${profileTo}`);
  }
  const dragBare = await dragNode(bare.page);
  await app.context.close();
  await bare.context.close();

  const side = (k: 'app' | 'bare', drag: { mean: number; p95: number; longTaskMs: number; dropGap: number; dropLongTaskMs: number; pressLongTaskMs: number; clickGap: number; clickLongTaskMs: number }): Side => ({
    firstRenderMs: median(first[k]),
    firstRenderRuns: first[k],
    panZoomFps: fps[k].reduce((a, b) => a + b, 0) / fps[k].length,
    panZoomRounds: fps[k],
    dragFrameMs: drag.mean,
    dragFrameP95Ms: drag.p95,
    dragLongTaskMs: drag.longTaskMs,
    dropGapMs: drag.dropGap,
    dropLongTaskMs: drag.dropLongTaskMs,
    pressLongTaskMs: drag.pressLongTaskMs,
    clickGapMs: drag.clickGap,
    clickLongTaskMs: drag.clickLongTaskMs,
    nodesInDom: counts[k][0],
    edgesInDom: counts[k][1],
  });
  const A = side('app', dragApp);
  const B = side('bare', dragBare);
  return {
    chromium: browser.version(),
    design: { nodes: doc.nodes.length, edges: doc.edges.length },
    canvas: size,
    app: A,
    bare: B,
    ratios: { firstRender: A.firstRenderMs / B.firstRenderMs, panZoomFps: A.panZoomFps / B.panZoomFps, dragFrame: A.dragFrameMs / B.dragFrameMs },
    zoom,
  };
}

/**
 * Open-to-interactive: the app (showing its example) opens a 10k design file through its Open
 * button and file input (`?nofs`, as the end-to-end tests do), then a click on a component of
 * the new design, sent as soon as one shows, must select it; then 20 characters are typed into
 * its label.
 */
export async function benchOpen(browser: Browser, served: { url: string }, origin: string, n: number, log: (s: string) => void): Promise<OpenResult> {
  const doc = synthesizeDesign(n, 7);
  const text = serializeTopology(doc);
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    await context.route('**/*', (route) => {
      const u = route.request().url();
      return u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:') ? route.continue() : route.abort();
    });
    await context.addInitScript({ content: `${PROBE}({ nodes: 1, edges: 0, inView: true }); document.addEventListener('change', function (e) { if (e.target && e.target.type === 'file') window.__bench.opened = performance.now(); }, true);` });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${served.url}?nofs`);
    await page.waitForFunction(() => (window as unknown as { __bench: { readyIdle: number | null } }).__bench.readyIdle !== null, undefined, { timeout: 60_000 });
    await page.waitForTimeout(2_500);
    // The example's components (some ids may be in the new design too: not counted as shown).
    const before = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => el.dataset.id ?? ''));
    log(`open ${n}: choosing the file...`);
    // TOPOFORGE_BENCH_OPEN_PROFILE=file.cpuprofile: a CPU profile of the page from the Open to the selection.
    const profileTo = process.env.TOPOFORGE_BENCH_OPEN_PROFILE;
    const cdp = profileTo ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open', exact: true }).first().click();
    await (await chooser).setFiles({ name: `big-${n}.topo.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) });
    // As soon as a component of the new design is on the canvas: click it.
    const handle = await page.waitForFunction(
      (before) => {
        for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node-topo')) {
          const id = el.dataset.id ?? '';
          if (before.includes(id)) continue;
          const r = el.getBoundingClientRect();
          if (r.width > 8 && r.top > 0 && r.left > 0 && r.bottom < innerHeight && r.right < innerWidth) return { id, x: r.left + Math.min(16, r.width / 4), y: r.top + r.height / 2, at: performance.now() };
        }
        return null;
      },
      before,
      { timeout: 60_000, polling: 16 },
    );
    const shown = (await handle.jsonValue())!;
    await page.mouse.click(shown.x, shown.y);
    const selectedAt = await page.waitForFunction(
      // (Connections are drawn above components: the click lands on the component's icon, and a connection there, if any, counts too.)
      (id) => {
        const sel = (window as unknown as { __topoforge?: { selection(): { nodes: string[]; edges: string[] } } }).__topoforge?.selection();
        return document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.classList.contains('selected') || (sel && sel.nodes.length + sel.edges.length > 0) ? performance.now() : null;
      },
      shown.id,
      { timeout: 60_000, polling: 16 },
    );
    const selected = (await selectedAt.jsonValue())!;
    const opened = await page.evaluate(() => (window as unknown as { __bench: { opened?: number } }).__bench.opened ?? NaN);
    if (cdp && profileTo) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(profileTo, JSON.stringify(profile));
      log(`wrote a CPU profile of the open to ${profileTo}`);
    }
    log(`open ${n}: typing into a label...`);
    const field = page.getByRole('region', { name: 'Inspector' }).getByLabel('Label', { exact: true });
    await field.click();
    await field.press('End');
    // TOPOFORGE_BENCH_TYPING_PROFILE=file.cpuprofile: a CPU profile of the page while typing.
    const typingProfile = process.env.TOPOFORGE_BENCH_TYPING_PROFILE;
    const cdpT = typingProfile ? await context.newCDPSession(page) : undefined;
    if (cdpT) {
      await cdpT.send('Profiler.enable');
      await cdpT.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdpT.send('Profiler.start');
    }
    const t0 = await now(page);
    const typed = 'abcdefghijklmnopqrst';
    for (const ch of typed) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(500);
    const t1 = await now(page);
    if (cdpT && typingProfile) {
      const { profile } = await cdpT.send('Profiler.stop');
      writeFileSync(typingProfile, JSON.stringify(profile));
      log(`wrote a CPU profile of the typing to ${typingProfile}`);
    }
    const { frames, longTaskMs } = await framesBetween(page, t0, t1);
    const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
    const labelShown = await page.evaluate((suffix) => (document.querySelector('.react-flow')?.textContent ?? '').includes(suffix), typed);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      design: { nodes: doc.nodes.length, edges: doc.edges.length, bytes: Buffer.byteLength(text) },
      shownMs: shown.at - opened,
      interactiveMs: selected - opened,
      typing: { longestFrameMs: gaps.length ? Math.max(...gaps) : NaN, longTaskMs, keys: typed.length, labelShown },
    };
  } catch (e) {
    if (process.env.TOPOFORGE_BENCH_SHOT) {
      const p = context.pages()[0];
      await p?.screenshot({ path: process.env.TOPOFORGE_BENCH_SHOT }).catch(() => {});
      log(`in the DOM: ${await p?.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node-topo')].slice(0, 8).map((el) => `${el.dataset.id} ${JSON.stringify(el.getBoundingClientRect())}`).join('\n'))}`);
    }
    throw e;
  } finally {
    await context.close();
  }
}

export interface CanvasOptions {
  /** Design sizes of the canvas rounds (default 1,000 and 5,000 components). */
  sizes?: number[];
  /** Size of the open-to-interactive design (default 10,000; 0: skip). */
  open?: number;
}

export async function benchCanvas(log: (s: string) => void = () => {}, opts: CanvasOptions = {}): Promise<CanvasOutcome> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) return { ok: false, skipped: `no Chromium at ${chromium} (set CHROMIUM_PATH): canvas benchmark skipped` };
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch {
    return { ok: false, skipped: 'playwright-core is not installed: canvas benchmark skipped' };
  }

  const out = mkdtempSync(join(tmpdir(), 'topoforge-bench-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    log('building the app and the bare React Flow page...');
    // @ts-expect-error -- a plain ES module script without type declarations
    const web = (await import('../../../scripts/web.mjs')) as { buildRenderer(dir: string, o: { quiet: boolean }): Promise<string>; serveStatic(dir: string, port: number): Promise<{ server: Server; url: string }> };
    // TOPOFORGE_BENCH_NO_MINIFY=1: the app built without minifying, so a profile names its functions.
    if (process.env.TOPOFORGE_BENCH_NO_MINIFY) {
      const { build } = await import('vite');
      await build({ configFile: join(HERE, '..', '..', '..', 'vite.config.ts'), logLevel: 'error', build: { outDir: out, emptyOutDir: true, minify: false } });
    } else await web.buildRenderer(out, { quiet: true });
    const bundle = bundleSize(out);
    const { build } = await import('vite');
    const react = (await import('@vitejs/plugin-react')).default;
    await build({ configFile: false, root: HERE, base: './', plugins: [react()], logLevel: 'error', build: { outDir: join(out, 'bare'), emptyOutDir: true, rollupOptions: { input: join(HERE, 'bare.html') } } });

    const served = await web.serveStatic(out, 0);
    server = served.server;
    const origin = new URL(served.url).origin;
    browser = await pw.chromium.launch({ executablePath: chromium, headless: true, args: CHROMIUM_ARGS });
    const sizes: CanvasResult[] = [];
    for (const n of opts.sizes ?? [1_000, 5_000]) sizes.push(await benchSize(browser, served, origin, out, n, log));
    const openN = opts.open ?? 10_000;
    const open = openN > 0 ? await benchOpen(browser, served, origin, openN, log) : undefined;
    return { ok: true, result: { chromium: browser.version(), bundle, sizes, open } };
  } finally {
    await browser?.close().catch(() => {});
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    rmSync(out, { recursive: true, force: true });
  }
}
