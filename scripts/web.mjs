#!/usr/bin/env node
// `npm run web`: builds the renderer with Vite and serves the built app on 127.0.0.1 (port from
// PORT, default 5173) until killed. Offline: no network besides the loopback listener.
// Also used by the end-to-end tests: `buildRenderer(outDir)` and `serveStatic(dir, port)`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
};

/** Builds the renderer into `outDir` (default dist/renderer). */
export async function buildRenderer(outDir = join(ROOT, 'dist', 'renderer'), { quiet = false } = {}) {
  const { build } = await import('vite');
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: quiet ? 'error' : 'info',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** Serves the files under `dir` on 127.0.0.1:`port` (0 picks a free port). Resolves to the server and its URL. */
export function serveStatic(dir, port = 0) {
  const base = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('Forbidden');
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (!info || !info.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(500).end('Server error');
    }
  });
  return new Promise((resolveP, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      resolveP({ server, url: `http://127.0.0.1:${addr.port}/` });
    });
  });
}

async function main() {
  const port = Number(process.env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number (0-65535), not "${process.env.PORT}".`);
    process.exit(2);
  }
  // Quietly: the address is what a person is looking for, not pages of bundler output.
  console.log('Building the app…');
  const out = await buildRenderer(undefined, { quiet: true });
  let served;
  try {
    served = await serveStatic(out, port);
  } catch (e) {
    console.error(e.code === 'EADDRINUSE' ? `Port ${port} is in use; set PORT to another one (PORT=5174 npm run web).` : `Could not start the server: ${e.message}`);
    process.exit(1);
  }
  console.log(`Topoforge is running at ${served.url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => served.server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e?.message ?? e);
    process.exit(1);
  });
}
