import { describe, expect, it } from 'vitest';
import { detectImportFormat, importText } from './import';
import { generateMermaid } from '../../generators/mermaid';
import { EXAMPLES } from '../../assets/examples';
import { parseTopology } from '../../shared/model/parse';

describe('File → Import', () => {
  it('tells a Mermaid flowchart from a compose file', () => {
    expect(detectImportFormat('diagram.mmd', 'anything')).toBe('mermaid');
    expect(detectImportFormat('notes.txt', '%% a comment\nflowchart LR\n  a --> b\n')).toBe('mermaid');
    expect(detectImportFormat('x.md', '---\ntitle: t\n---\ngraph TD\n a-->b')).toBe('mermaid');
    expect(detectImportFormat('docker-compose.yml', 'services:\n  db:\n    image: postgres:16\n')).toBe('compose');
  });

  it('imports a compose file into a laid-out design', async () => {
    const text = 'services:\n  db:\n    image: postgres:16\n  api:\n    image: acme/api:1\n    ports: ["8080:8080"]\n    depends_on: [db]\n    environment:\n      DATABASE_URL: postgres://db:5432/app\n';
    const r = await importText('docker-compose.yml', text);
    expect(r.ok).toBe(true);
    expect(r.doc!.nodes.map((n) => n.kind).sort()).toEqual(['postgres', 'rest-service']);
    expect(r.doc!.edges).toHaveLength(1);
    expect(Object.keys(r.doc!.layout)).toEqual(expect.arrayContaining(['db', 'api']));
    expect(r.message).toMatch(/2 components, 1 connections/);
  });

  it('imports Topoforge\'s own Mermaid back with the same components', async () => {
    const ex = parseTopology(EXAMPLES.find((e) => e.id === 'starter')!.yaml);
    if (!ex.ok) throw new Error('example');
    const r = await importText('starter.mmd', generateMermaid(ex.doc));
    expect(r.ok).toBe(true);
    expect(r.doc!.nodes.map((n) => n.id).sort()).toEqual(ex.doc.nodes.map((n) => n.id).sort());
  });

  it('refuses what is neither, with a message and without throwing', async () => {
    const r = await importText('broken.yml', 'services: [unclosed');
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/can't be imported/);
    expect(r.hint).toMatch(/unchanged/);
  });
});
