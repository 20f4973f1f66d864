import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';
import { allKindsDesign, loadDesign, ROOT } from '../../test/golden/fixtures';
import { generateIntegrationHtml } from './html';
import { integrationTemplate } from './template';

const orders = (): Topology => loadDesign(join(ROOT, 'test', 'golden', 'designs', 'order-processing.topo.yaml'));

/** Elements a generated page may contain: those of the Markdown of the document, and the diagram's. */
const ALLOWED = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'p', 'em', 'strong', 'code', 'ul', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'svg', 'defs', 'marker', 'path', 'g', 'rect', 'text', 'line', 'br', 'hr']);
const tags = (html: string) => [...html.matchAll(/<([A-Za-z][A-Za-z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());

describe('INTEGRATION.html', () => {
  it('is one self-contained page: no script, no link, no external reference, the diagram inline as SVG', () => {
    for (const doc of [orders(), allKindsDesign(), emptyTopology('Empty')]) {
      const html = generateIntegrationHtml(doc);
      expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
      expect(html).not.toMatch(/<script|<link|<iframe|<img|\bsrc=|href="(?!#)|url\((?!#tf-arrow\))|@import/i);
      expect([...new Set(tags(html))].filter((t) => !ALLOWED.has(t))).toEqual([]);
      expect(html.match(/<svg /g)).toHaveLength(1);
      expect(html).not.toContain('```mermaid');
      expect(html.match(/<g class="component"/g) ?? []).toHaveLength(doc.nodes.length);
      for (const s of integrationTemplate().sections) expect(html, s.title).toContain(`<h2>${s.title}</h2>`);
      expect(html).toContain('<h2>Prompt Template</h2>');
      expect(html).toContain('@media print');
    }
  });

  it('draws every component with its service name and every connection as an arrow', () => {
    const html = generateIntegrationHtml(orders());
    expect(html).toContain('data-service="event-bus"');
    expect(html).toContain('>event-bus</text>');
    expect(html.match(/<g class="flow">/g)?.length).toBe(orders().edges.length);
  });

  it('is deterministic', () => {
    expect(generateIntegrationHtml(allKindsDesign())).toBe(generateIntegrationHtml(allKindsDesign()));
  });

  it('keeps whatever a user typed as text: no element, attribute or script comes from a label, a zone or a requirement', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.constantFrom('$`', "$'", '$&', '$$', '$1', '<script>alert(1)</script>', '</text></svg><img src=x onerror=alert(1)>', '"><g onload="x">', "'", '&', '&amp;', ']]>', '<!--', '`', '*', '[x](javascript:alert(1))', '\n', 'x'), { maxLength: 8 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 4, maxLength: 4 }), (t) => {
        const doc = orders();
        doc.name = t[0]!;
        doc.nodes[0]!.label = t[1]!;
        doc.groups[0]!.label = t[2]!;
        doc.requirements.chaosTesting = t[3]!;
        const html = generateIntegrationHtml(doc);
        expect([...new Set(tags(html))].filter((x) => !ALLOWED.has(x))).toEqual([]);
        // Inside a tag: no event handler, no link (as text, the same characters are harmless).
        expect(html).not.toMatch(/<[a-z][^>]*\s(on[a-z]+|href|src|xlink:href)=/i);
      }),
      { numRuns: 30, seed: 17 },
    );
  });

  it("a label with `$` patterns is drawn as typed, and the page is not copied into the diagram", () => {
    const doc = orders();
    doc.nodes[0]!.label = "Pay $` then $' and $& or $$";
    const html = generateIntegrationHtml(doc);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html.match(/<figure class="diagram">/g)).toHaveLength(1);
    expect(html).toContain("Pay $` then $&#39; and $&amp; or $$");
  });
});
