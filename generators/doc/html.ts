import { marked } from 'marked';
import type { Diagnostic, Topology } from '../../shared/model/types';
import type { ResolvedDesign } from '../../shared/resolve';
import { outputModel } from '../output-model';
import { integrationDocument } from './index';
import { diagramSvg, xml } from './svg';
import { FastInlineHooks } from './fast-inline';

/**
 * INTEGRATION.html: the same document as INTEGRATION.md, as one self-contained HTML file for
 * wikis and reviews: the diagram drawn as inline SVG (no Mermaid, no script), the styles inline,
 * no external reference of any kind; it prints to PDF on A4 with the tables and the diagram
 * fitted to the page. Everything a user typed is escaped in the Markdown it is made from, and
 * the Markdown's raw HTML is refused, so text stays text.
 */

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1b1f24; background: #ffffff; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 40px 64px; }
h1 { font-size: 28px; line-height: 1.25; margin: 0 0 16px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
p, li { overflow-wrap: anywhere; }
ul { padding-left: 22px; }
li { margin: 4px 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; background: #f3f5f7; border-radius: 4px; padding: 1px 4px; }
blockquote { margin: 12px 0; padding: 8px 14px; border-left: 4px solid #d0d7de; color: #57606a; background: #f6f8fa; }
table { border-collapse: collapse; width: 100%; margin: 10px 0 20px; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
figure.diagram { margin: 12px 0 24px; overflow-x: auto; }
figure.diagram svg { max-width: 100%; height: auto; display: block; }
figure.diagram figcaption { font-size: 12px; color: #57606a; margin-top: 6px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  li, tr, figure.diagram { break-inside: avoid; page-break-inside: avoid; }
  figure.diagram { overflow: visible; }
  figure.diagram svg { width: 100%; max-height: 245mm; }
  table { font-size: 8.5pt; }
  code { background: none; padding: 0; }
}
`;

const MERMAID_BLOCK = /```mermaid\n[\s\S]*?\n```/;
const DIAGRAM_TOKEN = 'TOPOFORGE-DIAGRAM-PLACEHOLDER';

/** `markdown`: INTEGRATION.md of the same design, when the caller has it already (the bundle). */
export function generateIntegrationHtml(design: Topology | ResolvedDesign, diagnostics?: Diagnostic[], markdown: string = integrationDocument(design, diagnostics).markdown): string {
  const resolved = outputModel(design);
  const doc = resolved.doc;
  const svg = diagramSvg(doc, resolved);
  const source = markdown.replace(MERMAID_BLOCK, DIAGRAM_TOKEN);
  // Raw HTML in the Markdown is written out as text (user text is escaped before it gets there).
  const renderer = new marked.Renderer();
  renderer.html = ({ text }) => xml(text);
  // A function, not a string, as the replacement: the SVG holds labels, and `$&`, `` $` `` or `$'`
  // in a replacement string would put the page's own text into the diagram.
  const figure = `<figure class="diagram">${svg}<figcaption>The design as drawn: arrows point the way data flows; dashed arrows carry metrics and traces; dashed boxes are external systems.</figcaption></figure>`;
  const body = (marked.parse(source, { async: false, gfm: true, renderer, hooks: new FastInlineHooks() }) as string).replace(`<p>${DIAGRAM_TOKEN}</p>`, () => figure);
  const title = `${doc.name || 'Untitled design'} — Integration Patterns`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Topoforge">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${xml(title.replace(/\s+/g, ' ').slice(0, 300))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body.trimEnd(),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
