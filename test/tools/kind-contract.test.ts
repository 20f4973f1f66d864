import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compatibleProtocols, KINDS } from '../../shared/catalog';
import type { KindDef, Role } from '../../shared/catalog';
import type { Protocol, Topology } from '../../shared/model/types';
import { resolve } from '../../shared/resolve';
import { validate } from '../../shared/validation';
import { generateBundle } from '../../generators/bundle';
import { KIND_MODULES } from '../../generators/kinds';
import type { OutputFile } from '../../generators/types';
import { findTool, output, run, tempDir, toolAvailable, writeBundle } from './helpers';

/**
 * The contract every kind of the catalog keeps (issue 14), one design per kind: the kind drawn
 * with a partner for every connection its catalog entry documents (each protocol it takes in
 * and each it sends), so that a kind added with only a catalog entry, or with a module that
 * answers wrongly, fails here by name.
 *
 * - Drawn with its documented connections, the design validates without errors.
 * - Its stack has the kind's service (its image, under the name the model gives it), and
 *   `docker-compose config` accepts the whole file (the real tool).
 * - The document names it, with its product, and no section denies what it is (a broker in the
 *   design and "no message broker" in the text was the bug that opened the issue).
 */

const SUBJECT = 'subject';

const hosts = (k: KindDef, p: Protocol) => (k.hosts ?? []).includes(p);

/**
 * A partner for `p`: the first catalog kind (not the subject's) the connection is valid with,
 * the way it is drawn; for a protocol that needs a server in the middle (Kafka, AMQP, SFTP,
 * S3...) and a subject that is not one, a kind that hosts it.
 */
function partner(kind: KindDef, p: Protocol, way: 'in' | 'out'): KindDef | undefined {
  const needsHost = KINDS.some((k) => hosts(k, p)) && !hosts(kind, p);
  return KINDS.find((k) => k.id !== kind.id && (!needsHost || hosts(k, p)) && (way === 'in' ? compatibleProtocols(k, kind) : compatibleProtocols(kind, k)).includes(p));
}

function contractDesign(kind: KindDef): Topology {
  const nodes: Topology['nodes'] = [{ id: SUBJECT, kind: kind.id, label: `Subject ${kind.name}`, props: {} }];
  const edges: Topology['edges'] = [];
  const add = (p: Protocol, way: 'in' | 'out') => {
    const k = partner(kind, p, way);
    if (!k) return;
    const id = `${way}-${p}`;
    nodes.push({ id, kind: k.id, label: `${way === 'in' ? 'From' : 'To'} ${k.name} ${p}`, props: {} });
    edges.push(way === 'in' ? { from: id, to: SUBJECT, protocol: p, props: {} } : { from: SUBJECT, to: id, protocol: p, props: {} });
  };
  for (const p of new Set(kind.accepts)) add(p, 'in');
  for (const p of new Set(kind.emits)) add(p, 'out');
  return { topoforge: 1, name: `Contract of ${kind.name}`, requirements: {}, groups: [], nodes, edges, layout: {} } as Topology;
}

/** Sentences that say a design has nothing of a role: none may appear when the design has it. */
const DENIALS: Partial<Record<Role, RegExp>> = {
  broker: /\bno (message )?broker\b(?! format)/i,
  gateway: /\bno gateway is drawn\b|\bno gateway or broker\b/i,
  'schema-registry': /\bno schema registry\b/i,
  'identity-provider': /\bno identity provider\b/i,
  'secrets': /\bno secrets store\b/i,
};

interface Case {
  kind: KindDef;
  doc: Topology;
  files: OutputFile[];
  dir: string;
}

const cases: Case[] = KINDS.map((kind) => {
  const doc = contractDesign(kind);
  const files = generateBundle(doc);
  return { kind, doc, files, dir: writeBundle(files, tempDir('kind-contract')) };
});

afterAll(() => {
  for (const c of cases) rmSync(c.dir, { recursive: true, force: true });
});

const file = (c: Case, path: string) => c.files.find((f) => f.path === path)?.content ?? '';

describe('every kind keeps its contract', () => {
  it('covers every kind of the catalog, each with a module', () => {
    expect(cases.map((c) => c.kind.id).sort()).toEqual(KINDS.map((k) => k.id).sort());
    for (const k of KINDS) expect(KIND_MODULES[k.id as keyof typeof KIND_MODULES], k.id).toBeDefined();
  });

  describe.each(cases.map((c) => [c.kind.id, c] as const))('%s', (_id, c) => {
    it('is drawn with a partner for every connection its catalog entry documents, without errors', () => {
      const documented = new Set([...c.kind.accepts, ...c.kind.emits]);
      expect(c.doc.edges.length, 'connections drawn').toBeGreaterThanOrEqual(Math.min(1, documented.size));
      const errors = validate(c.doc).filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });

    it('is in the stack as its service, with its image, and docker-compose accepts the file', () => {
      const component = resolve(c.doc).components.find((x) => x.id === SUBJECT)!;
      const compose = parse(file(c, 'docker-compose.yml')) as { services: Record<string, { image?: string; build?: unknown }> };
      if (!component.containerised) {
        expect(compose.services[component.service], `${component.service} is external: not started`).toBeUndefined();
        expect(file(c, 'README.md')).toContain(component.service);
        return;
      }
      const svc = compose.services[component.service];
      expect(svc, `service ${component.service}`).toBeDefined();
      if (c.kind.image) expect(svc!.image).toContain(c.kind.image.split(':')[0]!);
    });

    const compose = findTool('docker-compose');
    it.skipIf(!toolAvailable('docker-compose', !!compose))('docker-compose config -q accepts its stack', () => {
      copyFileSync(join(c.dir, '.env.example'), join(c.dir, '.env'));
      const r = run(compose!, ['--project-directory', c.dir, '-f', join(c.dir, 'docker-compose.yml'), 'config', '-q'], { cwd: c.dir, timeoutMs: 60_000 });
      expect(r.status, output(r)).toBe(0);
    });

    it('is named in the document with its product, and no section denies what it is', () => {
      const r = resolve(c.doc);
      const component = r.components.find((x) => x.id === SUBJECT)!;
      const md = file(c, 'INTEGRATION.md');
      expect(md).toContain(`\`${component.service}\``);
      const facet = KIND_MODULES[c.kind.id as keyof typeof KIND_MODULES].doc;
      const product = facet?.product?.(component) ?? c.kind.product;
      expect(md, `the product ${product}`).toContain(product);
      for (const role of component.roles) {
        const denial = DENIALS[role];
        if (denial) expect(md.match(denial)?.[0], `${c.kind.id} is a ${role}, and the document says`).toBeUndefined();
      }
    });
  });
});
