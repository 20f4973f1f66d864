import { describe, expect, it } from 'vitest';
import { getKind, KINDS } from './index';
import { IMPORT_HINTS } from './import-hints';

describe('import hints', () => {
  it('are keyed by catalog kind ids only', () => {
    for (const id of Object.keys(IMPORT_HINTS)) expect(getKind(id), id).toBeDefined();
  });

  it('give each importer role to exactly one kind, and a kind that can play it', () => {
    const roles = Object.entries(IMPORT_HINTS).flatMap(([id, h]) => (h.role ? [[h.role, id] as const] : []));
    expect(new Set(roles.map(([r]) => r)).size).toBe(roles.length);
    const kind = (r: string) => getKind(roles.find(([x]) => x === r)![1])!;
    expect(kind('http-api').accepts).toContain('http');
    expect(kind('grpc-api').accepts).toContain('grpc');
    expect(kind('graphql-api').accepts).toContain('graphql');
    expect(kind('consumer').accepts).toContain('kafka');
  });

  it('name every product image of a containerised kind, so its own stack image is recognised', () => {
    for (const k of KINDS) {
      if (!k.image) continue;
      const repo = k.image.split(':')[0]!.toLowerCase().replace(/^(docker\.io|quay\.io|icr\.io|docker\.elastic\.co)\//, '');
      const hits = Object.entries(IMPORT_HINTS).filter(([, h]) => h.images?.some((re) => re.test(repo)));
      expect(hits.map(([id]) => id), k.id).toEqual([k.id]);
    }
  });

  it('do not claim one name for two kinds as the same sort of evidence', () => {
    const seen = new Map<string, string>();
    for (const [id, h] of Object.entries(IMPORT_HINTS)) {
      for (const n of [...(h.names ?? []), ...(h.words ?? [])]) {
        const key = n.toLowerCase().replace(/[^a-z0-9]/g, '');
        expect(seen.get(key) ?? id, `${n}: ${seen.get(key)} and ${id}`).toBe(id);
        seen.set(key, id);
      }
    }
  });

  it('describe the protocols a closest product speaks with the protocols of the catalog', () => {
    for (const h of Object.values(IMPORT_HINTS)) {
      for (const p of [...(h.closest ?? []), ...(h.helpers ?? [])]) {
        expect(p.product.length).toBeGreaterThan(2);
        if (p.protocol) expect(KINDS.some((k) => k.accepts.includes(p.protocol!))).toBe(true);
      }
    }
  });
});
