import { describe, expect, it } from 'vitest';
import { rateFromText, resolve } from './index';
import type { TopoEdge, Topology } from '../model/types';
import { emptyTopology } from '../model/types';

function design(nodes: Array<[string, string, Record<string, unknown>?]>, edges: Array<[string, string, TopoEdge['protocol']?, Record<string, unknown>?]>, requirements: Topology['requirements'] = {}): Topology {
  const doc = emptyTopology('Defaults');
  doc.requirements = requirements;
  doc.nodes = nodes.map(([id, kind, props]) => ({ id, kind, label: id, props: props ?? {} }));
  doc.edges = edges.map(([from, to, protocol, props]) => ({ from, to, ...(protocol ? { protocol } : {}), props: props ?? {} }));
  return doc;
}

const plan = (doc: Topology) => resolve(doc).gateways[0]!;

describe('resolve: gateway authentication and rate limit default to what the template recommends', () => {
  it('unset, a gateway checks OpenID Connect tokens of the identity provider wired to it, or of the only one', () => {
    const wired = plan(design([['gw', 'kong'], ['idp', 'keycloak'], ['api', 'rest-service']], [['gw', 'idp', 'http'], ['gw', 'api', 'http']]));
    expect([wired.auth, wired.authFrom, wired.identityProvider?.id]).toEqual(['oidc', 'identity-provider', 'idp']);
    const only = plan(design([['gw', 'envoy'], ['idp', 'keycloak'], ['web', 'web-app']], [['web', 'idp', 'http']]));
    expect([only.auth, only.identityProvider?.id]).toEqual(['oidc', 'idp']);
  });

  it('without an identity provider: what the requirements name that the gateway checks alone, else API keys (and a note when OAuth was asked)', () => {
    expect(plan(design([['gw', 'nginx']], [], { security: ['mTLS everywhere'] })).auth).toBe('mtls');
    const oauth = plan(design([['gw', 'nginx']], [], { security: ['OAuth 2.0'] }));
    expect([oauth.auth, oauth.authFrom]).toEqual(['key-auth', 'default']);
    expect(oauth.skipped.join(' ')).toMatch(/needs an identity provider/);
  });

  it('unset, a gateway inside the stack or in front of what logs users in itself checks nothing (a second check would break theirs)', () => {
    const sidecars = resolve(design([['front', 'envoy'], ['side', 'envoy'], ['api', 'rest-service']], [['front', 'side', 'http'], ['side', 'api', 'http']])).gateways;
    expect(sidecars.map((p) => [p.gateway.id, p.auth, p.internetFacing])).toEqual([['front', 'key-auth', true], ['side', 'none', false]]);
    const s3 = plan(design([['lb', 'nginx'], ['m', 'object-storage']], [['lb', 'm', 's3']]));
    expect([s3.auth, s3.authFrom]).toEqual(['none', 'default']);
    const consoles = plan(design([['lb', 'nginx'], ['kc', 'keycloak'], ['g', 'grafana']], [['lb', 'kc', 'http'], ['lb', 'g', 'http']]));
    expect(consoles.auth).toBe('none');
  });

  it('switching them off is explicit: auth none and rate limit 0 are kept', () => {
    const off = plan(design([['gw', 'kong', { auth: 'none', rateLimitPerMinute: 0 }], ['idp', 'keycloak']], [['gw', 'idp', 'http']]));
    expect([off.auth, off.authFrom, off.identityProvider, off.rateLimit]).toEqual(['none', 'setting', undefined, undefined]);
  });

  it('the rate limit comes from the setting, else the requirements, else 1000 per minute; counters in a cache wired to the gateway', () => {
    expect(plan(design([['gw', 'kong', { rateLimitPerMinute: 50, rateLimitBy: 'ip' }]], [])).rateLimit).toEqual({ perMinute: 50, by: 'ip', from: 'setting' });
    expect(plan(design([['gw', 'kong']], [], { rateLimiting: '600 requests per minute per consumer' })).rateLimit).toMatchObject({ perMinute: 600, from: 'requirements' });
    const withStore = plan(design([['gw', 'kong'], ['r', 'redis']], [['gw', 'r', 'redis']]));
    expect(withStore.rateLimit).toMatchObject({ perMinute: 1000, from: 'default' });
    expect(withStore.rateLimit?.store?.id).toBe('r');
    expect([rateFromText('10 req/s'), rateFromText('10K req/hour'), rateFromText('sliding window')]).toEqual([600, 167, undefined]);
  });
});
