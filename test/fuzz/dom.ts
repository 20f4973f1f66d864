import type { CheckEnv, ParsedMermaid } from './checks';

/**
 * Mermaid's parser and an XML parser for the fuzz checks. Under vitest's jsdom environment the
 * DOM is already there; `npm run fuzz` runs in plain Node, so a jsdom window is installed first.
 */

export async function installDom(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  if (typeof g.document !== 'undefined') return;
  // jsdom ships no type declarations; only its constructor is used here.
  const jsdom = 'jsdom';
  const { JSDOM } = (await import(jsdom)) as { JSDOM: new (html: string, opts: { pretendToBeVisual: boolean }) => { window: unknown } };
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const win = dom.window as unknown as Record<string, unknown>;
  g.window = dom.window;
  for (const k of ['document', 'DOMParser', 'Element', 'HTMLElement', 'Node', 'SVGElement', 'XMLSerializer', 'DocumentFragment', 'getComputedStyle', 'MutationObserver']) {
    if (typeof g[k] === 'undefined') g[k] = typeof win[k] === 'function' && k === 'getComputedStyle' ? (win[k] as (...a: unknown[]) => unknown).bind(dom.window) : win[k];
  }
}

/** Mermaid keeps entity codes as placeholders until rendering. */
export async function domCheckEnv(): Promise<CheckEnv> {
  await installDom();
  const { default: mermaid } = await import('mermaid');
  return {
    mermaid: async (text: string): Promise<ParsedMermaid> => {
      await mermaid.parse(text); // throws on a syntax error
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      const db = diagram.db as unknown as {
        getVertices(): Map<string, unknown>;
        getEdges(): { start: string; end: string }[];
        getSubGraphs(): { id: string }[];
      };
      const subgraphs = db.getSubGraphs().map((s) => s.id);
      const vertices = [...db.getVertices().keys()].filter((id) => !subgraphs.includes(id));
      return { vertices, edges: db.getEdges().map((e) => [e.start, e.end]), subgraphs };
    },
    xmlWellFormed: (text: string) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return doc.getElementsByTagName('parsererror').length === 0;
    },
  };
}
