import { describe, expect, it } from 'vitest';
import { compileErrors, validate } from '@readme/openapi-parser';
import { parse } from 'yaml';
import { allKindsDesign, loadExamples } from '../../test/golden/fixtures';
import { generateOpenApi, gatewayRoutes } from './openapi';
import { generateBundle } from '../bundle';
import { resolve } from '../../shared/resolve';
import { apiDesign, build, HOSTILE_LABELS } from '../../test/fixtures/interop-designs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Validates with @readme/openapi-parser (OpenAPI 3.1 schema plus its extra checks, e.g. unique operationIds). */
async function expectValid(text: string): Promise<Json> {
  const api = parse(text) as Json;
  const result = await validate(structuredClone(api) as Parameters<typeof validate>[0]);
  if (!result.valid) throw new Error(compileErrors(result));
  expect(result.valid).toBe(true);
  return api;
}

describe('generateOpenApi', () => {
  it('documents each gateway route with its methods, security and rate limit; valid OpenAPI 3.1', async () => {
    const api = await expectValid(generateOpenApi(apiDesign()));
    expect(api.openapi).toBe('3.1.0');
    expect(api.servers.map((s: Json) => s.url)).toEqual(['http://localhost:8000', 'http://localhost:8080', 'http://localhost:10000']);
    expect(Object.keys(api.paths).sort()).toEqual(['/catalog', '/catalog/items', '/orders', '/search', '/stock.v1.Stock']);
    // POST only where the connection says so; every method for ANY.
    expect(Object.keys(api.paths['/orders']).filter((k) => k !== 'servers')).toEqual(['post']);
    expect(Object.keys(api.paths['/catalog']).filter((k) => k !== 'servers')).toEqual(['get']);
    expect(Object.keys(api.paths['/catalog/items']).filter((k) => k !== 'servers')).toEqual(['get', 'post', 'put', 'patch', 'delete']);
    // Each path is served by its own gateway.
    expect(api.paths['/orders'].servers).toEqual([api.servers[0]]);
    expect(api.paths['/catalog/items'].servers).toEqual([api.servers[2]]);

    const schemes = api.components.securitySchemes;
    expect(schemes['public-gateway-oidc']).toEqual({
      type: 'openIdConnect',
      openIdConnectUrl: 'http://localhost:8180/realms/shop/.well-known/openid-configuration',
      description: expect.stringContaining('Keycloak idp, realm shop'),
    });
    // The header every gateway of the stack checks (Kong's key-auth, NGINX's map, Envoy's RBAC): `apikey`.
    expect(schemes['edge-nginx-api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'apikey' });
    expect(schemes['envoy-mtls']).toMatchObject({ type: 'mutualTLS' });
    expect(api.paths['/orders'].post.security).toEqual([{ 'public-gateway-oidc': [] }]);
    expect(api.paths['/orders'].post['x-ratelimit']).toEqual({ limit: 600, window: '1m', by: 'consumer' });
    // Envoy's local rate limit is one token bucket: it counts every caller together, whatever `rateLimitBy` asked.
    expect(api.paths['/catalog/items'].get['x-ratelimit']).toEqual({ limit: 100, window: '1m', by: 'instance' });
    // No rate limit set on edge-nginx: the stack enforces the template's default, and so says the description.
    expect(api.paths['/catalog'].get['x-ratelimit']).toEqual({ limit: 1000, window: '1m', by: 'consumer' });
    expect(api.paths['/orders'].post.responses['429']).toBeDefined();
  });

  it('covers jwt and basic authentication and leaves out routes the stack does not create', async () => {
    const doc = build(
      'Auth',
      [['gw', 'kong', { auth: 'jwt' }], ['a', 'rest-service'], ['b', 'rest-service'], ['gw2', 'nginx', { auth: 'basic' }], ['vendor', 'saas-app'], ['kc', 'keycloak']],
      [['gw', 'a', 'http', { path: '/x' }], ['gw', 'b', 'http', { path: '/x' }], ['gw', 'kc', 'http'], ['gw2', 'b', 'http'], ['gw2', 'vendor', 'http']],
    );
    const api = await expectValid(generateOpenApi(doc));
    expect(api.components.securitySchemes).toEqual({
      'gw-jwt': { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: expect.any(String) },
      'gw2-basic': { type: 'http', scheme: 'basic', description: expect.any(String) },
    });
    // /x twice on one gateway: the second is left out, like the gateway config; no route to Keycloak; none to a SaaS without base URL.
    expect(gatewayRoutes(doc).map((r) => `${r.gateway.id} ${r.path} ${r.target.id}`)).toEqual(['gw /x a', 'gw2 /b b']);
  });

  it('stays valid for the catalog, the examples, hostile labels, and is deterministic', async () => {
    for (const doc of [allKindsDesign(), ...loadExamples().map((e) => e.doc)]) await expectValid(generateOpenApi(doc));
    const doc = apiDesign();
    doc.name = HOSTILE_LABELS.join(' ');
    doc.nodes.forEach((n, i) => (n.label = HOSTILE_LABELS[i % HOSTILE_LABELS.length]!));
    const text = generateOpenApi(doc);
    const api = await expectValid(text);
    expect(api.servers[0].description).toContain('<script>alert(1)</script>');
    expect(generateOpenApi(structuredClone(doc))).toBe(text);
  });

  it('describes the routes, authentication and rate limits the generated gateway configs enforce', () => {
    for (const doc of [apiDesign(), allKindsDesign(), ...loadExamples().map((e) => e.doc)]) {
      const api = parse(generateOpenApi(doc)) as Json;
      const files = generateBundle(doc);
      const plans = resolve(doc).gateways.filter((p) => p.routes.length > 0);
      for (const plan of plans) {
        const config = files.filter((f) => f.path.startsWith(`config/${plan.gateway.id}/`)).map((f) => f.content).join('\n');
        for (const r of plan.routes) {
          if (r.protocol === 'grpc') continue;
          const op = Object.entries(api.paths[r.path] ?? {}).find(([m, o]) => m !== 'servers' && (o as Json)['x-topoforge-edge'] === r.flow.id);
          expect(op, `${doc.name}: ${r.path} of ${plan.gateway.service}`).toBeDefined();
          expect(config, `${doc.name}: ${plan.gateway.service} routes ${r.path}`).toContain(r.path);
          const o = op![1] as Json;
          expect(o.security !== undefined, `${doc.name}: ${r.path} asks for credentials`).toBe(plan.auth !== 'none');
          if (plan.rateLimit) expect(config, `${doc.name}: ${plan.gateway.service} limits to ${plan.rateLimit.perMinute}/min`).toContain(String(plan.rateLimit.perMinute));
          expect(o['x-ratelimit']?.limit).toBe(plan.rateLimit?.perMinute);
        }
      }
    }
  });
});
