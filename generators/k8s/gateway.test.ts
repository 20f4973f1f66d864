import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateKubernetes } from './index';
import { build } from '../../test/fixtures/interop-designs';
import { duration } from './gateway';

describe('gateways on Kubernetes', () => {
  it('writes every timeout as a Gateway API duration (at most five digits per unit), however long', () => {
    const pattern = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
    for (const ms of [0, 250, 1000, 1500, 99_999, 120_000, 99_999_000, 100_000_000, 1e9, 1e15]) expect(duration(ms), String(ms)).toMatch(pattern);
    expect(duration(1_000_000_000)).toBe('277h46m40s');
    expect(duration(1500)).toBe('1500ms');
  });

  it('routes, authenticates and limits as the compose stack does: the gateway plan, defaults included', () => {
    const doc = build('Shop', [['gw', 'kong'], ['orders', 'rest-service', {}, undefined, 'Orders API']], [['gw', 'orders', 'http']]);
    const files = generateKubernetes(doc);
    const objects = files.filter((f) => f.path.endsWith('.yaml')).flatMap((f) => f.content.split(/^---$/m).map((d) => parse(d)).filter(Boolean));
    const route = objects.find((o) => o.kind === 'HTTPRoute');
    // The path is the service's name (from its label), as in the compose stack's kong.yml.
    expect(route.spec.rules[0].matches[0].path.value).toBe('/orders-api');
    const plugins = objects.filter((o) => o.kind === 'KongPlugin').map((o) => o.plugin).sort();
    // Auth unset on a gateway with no identity provider: API keys, and the template's 1000 requests per minute.
    expect(plugins).toEqual(['key-auth', 'rate-limiting']);
    expect(objects.find((o) => o.plugin === 'rate-limiting').config.minute).toBe(1000);
  });
});
