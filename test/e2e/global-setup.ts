import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error -- a plain ES module script without type declarations
import { buildRenderer, serveStatic } from '../../scripts/web.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** Builds the renderer once into a temporary folder and serves it on a free loopback port. */
export default async function setup(project: TestProject) {
  const out = mkdtempSync(join(tmpdir(), 'topoforge-e2e-'));
  await buildRenderer(out, { quiet: true });
  const { server, url } = (await serveStatic(out, 0)) as { server: Server; url: string };
  project.provide('appUrl', url);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(out, { recursive: true, force: true });
  };
}
