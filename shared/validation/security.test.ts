import { describe, expect, it } from 'vitest';
import type { Group } from '../model/types';
import { parseAvailability, validate } from './index';
import { design, edge, node, withCode } from './testkit';

const zones: Group[] = [
  { id: 'public', label: 'Public', trust: 'internet' },
  { id: 'dmz', label: 'DMZ', trust: 'dmz' },
  { id: 'core', label: 'Core', trust: 'internal' },
];

describe('gateway authentication (TF501, TF506)', () => {
  it('TF501: an internet-facing gateway whose authentication is switched off', () => {
    // Unset, the stack makes the gateway check API keys (or OIDC with an identity provider): nothing to warn about.
    const unset = design({ nodes: [node('gw', 'kong'), node('api', 'rest-service')], edges: [edge('gw', 'api')] });
    expect(withCode(validate(unset), 'TF501')).toEqual([]);
    const d = design({ nodes: [node('gw', 'kong', { auth: 'none' }), node('api', 'rest-service')], edges: [edge('gw', 'api')] });
    const f = withCode(validate(d), 'TF501');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Kong faces the internet (nothing inside the stack calls it) with no authentication');
    expect(f[0]!.path).toBe('nodes[0].props.auth');
    const set = design({ nodes: [node('gw', 'kong', { exposure: 'internet', auth: 'none' }), node('api', 'rest-service')], edges: [edge('gw', 'api')] });
    expect(withCode(validate(set), 'TF501')[0]!.message).toBe('Kong faces the internet (Exposure: internet) with no authentication');
  });

  it('TF501: a proxy that another component of the stack calls is internal (front proxy → service sidecars)', () => {
    const d = design({
      nodes: [node('front', 'envoy', { auth: 'jwt' }), node('side1', 'envoy', { auth: 'none' }), node('svc1', 'rest-service'), node('side2', 'envoy', { auth: 'none' }), node('svc2', 'rest-service', { port: 8081 })],
      edges: [edge('front', 'side1'), edge('front', 'side2'), edge('side1', 'svc1'), edge('side2', 'svc2')],
    });
    expect(withCode(validate(d), 'TF501')).toEqual([]);
    // Browsers call the gateway through the web app: still outside.
    const web = design({ nodes: [node('web', 'web-app'), node('gw', 'nginx', { auth: 'none' }), node('api', 'rest-service')], edges: [edge('web', 'gw'), edge('gw', 'api')] });
    expect(withCode(validate(web), 'TF501').map((x) => x.nodes)).toEqual([['gw']]);
  });

  it('TF501: none for a load balancer in front of object storage (S3 checks every request)', () => {
    const d = design({ nodes: [node('lb', 'nginx'), node('m1', 'object-storage'), node('m2', 'object-storage')], edges: [edge('lb', 'm1', 's3'), edge('lb', 'm2', 's3')] });
    expect(withCode(validate(d), 'TF501')).toEqual([]);
  });

  it('TF501: an internal gateway in a DMZ zone still faces the internet; with jwt it is fine', () => {
    const d = design({ nodes: [node('gw', 'nginx', { exposure: 'internal', auth: 'none' }, { group: 'dmz' }), node('api', 'rest-service', { port: 8081 })], edges: [edge('gw', 'api')], groups: zones });
    expect(withCode(validate(d), 'TF501')[0]!.message).toBe('NGINX faces the internet (in zone DMZ, trust dmz) with no authentication');
    const internal = design({ nodes: [node('gw', 'nginx', { exposure: 'internal', auth: 'none' }, { group: 'core' }), node('api', 'rest-service', { port: 8081 })], edges: [edge('gw', 'api')], groups: zones });
    expect(withCode(validate(internal), 'TF501')).toEqual([]);
    const jwt = design({ nodes: [node('gw', 'kong', { auth: 'jwt' }), node('api', 'rest-service')], edges: [edge('gw', 'api')] });
    expect(withCode(validate(jwt), 'TF501')).toEqual([]);
  });

  it('TF506: OIDC at the gateway needs a Keycloak wired to it', () => {
    const nodes = [node('gw', 'kong', { auth: 'oidc' }), node('api', 'rest-service')];
    const f = withCode(validate(design({ nodes, edges: [edge('gw', 'api')] })), 'TF506');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Kong authenticates callers with OIDC, but no Keycloak is wired to it');
    const wired = design({ nodes: [...nodes, node('idp', 'keycloak')], edges: [edge('gw', 'api'), edge('gw', 'idp')] });
    expect(withCode(validate(wired), 'TF506')).toEqual([]);
  });
});

describe('zones (TF502, TF507, TF508)', () => {
  it('TF502: plaintext across trust levels when the requirements ask for mTLS', () => {
    const d = design({
      nodes: [node('gw', 'kong', { auth: 'jwt' }, { group: 'dmz', label: 'Edge' }), node('api', 'rest-service', {}, { group: 'core', label: 'Orders API' }), node('b', 'rest-service', { port: 8081 }, { group: 'core' })],
      edges: [edge('gw', 'api'), edge('api', 'b', 'http', { timeoutMs: 100 })],
      groups: zones,
      requirements: { security: ['PCI DSS', 'mTLS between zones'] },
    });
    const f = withCode(validate(d), 'TF502');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Edge (Kong) in zone DMZ (dmz) calls Orders API (REST service) in zone Core (internal) over plain HTTP, but the security requirements ask for "mTLS between zones"');
    expect(f[0]!.path).toBe('edges[0].props.mtls');
    const fixed = { ...d, edges: [edge('gw', 'api', 'http', { mtls: true }), d.edges[1]!] };
    expect(withCode(validate(fixed), 'TF502')).toEqual([]);
    expect(withCode(validate({ ...d, requirements: { security: ['PCI DSS'] } }), 'TF502')).toEqual([]);
    expect(withCode(validate({ ...d, requirements: { security: ['Zero Trust'] } }), 'TF502')).toHaveLength(1);
  });

  it('TF507: an internet caller reaching an internal service without a gateway', () => {
    const d = design({
      nodes: [node('stripe', 'saas-app', {}, { group: 'public', label: 'Stripe' }), node('api', 'rest-service', {}, { group: 'core', label: 'Webhooks' })],
      edges: [edge('stripe', 'api')],
      groups: zones,
    });
    const f = withCode(validate(d), 'TF507');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Stripe (SaaS app) in zone Public (internet) calls Webhooks (REST service) in zone Core directly, not through a gateway');
  });

  it('TF508: a database in the DMZ', () => {
    const d = design({ nodes: [node('db', 'postgres', {}, { group: 'dmz' }), node('api', 'rest-service')], edges: [edge('api', 'db')], groups: zones });
    const f = withCode(validate(d), 'TF508');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('PostgreSQL is a data store in zone DMZ (trust dmz), which the internet can reach');
    expect(f[0]!.path).toBe('nodes[0].group');
  });
});

describe('observability for high availability (TF503, TF504)', () => {
  const base = [node('api', 'rest-service'), node('db', 'postgres')];
  const baseEdges = [edge('api', 'db')];

  it('asks for Prometheus and Grafana at 99.9%', () => {
    const all = validate(design({ nodes: base, edges: baseEdges, requirements: { availability: '99.9%' } }));
    expect(withCode(all, 'TF503').map((x) => x.message)).toEqual(['The design asks for 99.9% availability, but nothing collects metrics: there is no Prometheus']);
    expect(withCode(all, 'TF504').map((x) => x.message)).toEqual(['The design asks for 99.9% availability, but has no dashboards: there is no Grafana']);
  });

  it('a Prometheus scraping nothing and a Grafana with no data source', () => {
    const d = design({ nodes: [...base, node('prom', 'prometheus'), node('graf', 'grafana')], edges: baseEdges, requirements: { availability: '99.95%' } });
    const all = validate(d);
    expect(withCode(all, 'TF503')[0]!.message).toBe('The design asks for 99.95% availability, but Prometheus scrapes nothing');
    expect(withCode(all, 'TF504')[0]!.message).toBe('The design asks for 99.95% availability, but Grafana has no data source');
  });

  it('is satisfied by scraped services and a wired Grafana, and silent below 99.9%', () => {
    const d = design({
      nodes: [...base, node('prom', 'prometheus'), node('graf', 'grafana')],
      edges: [...baseEdges, edge('prom', 'api'), edge('graf', 'prom')],
      requirements: { availability: '99.99%' },
    });
    const all = validate(d);
    expect(withCode(all, 'TF503')).toEqual([]);
    expect(withCode(all, 'TF504')).toEqual([]);
    expect(withCode(validate(design({ nodes: base, edges: baseEdges, requirements: { availability: '99.5%' } })), 'TF503')).toEqual([]);
  });

  it('reads availability written in several ways', () => {
    expect(parseAvailability('99.9%')).toBe(99.9);
    expect(parseAvailability(' 99.95 ')).toBe(99.95);
    expect(parseAvailability(99.99)).toBe(99.99);
    expect(parseAvailability('three nines')).toBeCloseTo(99.9, 10);
    expect(parseAvailability('high')).toBeUndefined();
    expect(parseAvailability('150%')).toBeUndefined();
  });
});

describe('requirements not understood (TF904)', () => {
  it('says which requirement is skipped', () => {
    const d = design({ nodes: [node('api', 'rest-service')], requirements: { availability: 'very high', latencyP99Ms: -5 } });
    const f = withCode(validate(d), 'TF904');
    expect(f.map((x) => x.path)).toEqual(['requirements.availability', 'requirements.latencyP99Ms']);
    expect(f[0]!.message).toBe('The availability requirement "very high" isn\'t understood, so the availability checks are skipped');
    expect(f[0]!.severity).toBe('info');
  });
});

describe('TF501 and load balancers in front of what authenticates itself', () => {
  it('no warning for an internet-facing NGINX that only routes to Keycloak and Grafana (they log users in themselves)', () => {
    const d = design({
      groups: [{ id: 'dmz', label: 'DMZ', trust: 'dmz' }],
      nodes: [node('lb', 'nginx', {}, { group: 'dmz' }), node('kc', 'keycloak'), node('graf', 'grafana')],
      edges: [edge('lb', 'kc'), edge('lb', 'graf', 'http')],
    });
    expect(withCode(validate(d), 'TF501')).toEqual([]);
  });

  it('still warns when one of its backends is an API you build', () => {
    const d = design({
      groups: [{ id: 'dmz', label: 'DMZ', trust: 'dmz' }],
      nodes: [node('lb', 'nginx', { auth: 'none' }, { group: 'dmz' }), node('kc', 'keycloak'), node('api', 'rest-service')],
      edges: [edge('lb', 'kc'), edge('lb', 'api')],
    });
    expect(withCode(validate(d), 'TF501')).toHaveLength(1);
  });
});
