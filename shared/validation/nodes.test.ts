import { describe, expect, it } from 'vitest';
import { validate } from './index';
import { checkProps } from './props';
import { getKind } from '../catalog';
import { design, edge, node, withCode } from './testkit';

describe('component settings (TF202)', () => {
  it('reports a port out of range with the bounds and the path', () => {
    const d = design({ nodes: [node('api', 'rest-service', { port: 70000 }, { label: 'Orders API' })] });
    const f = withCode(validate(d), 'TF202');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Orders API (REST service): Port must be a whole number from 1 to 65,535, not 70000');
    expect(f[0]!.path).toBe('nodes[0].props.port');
    expect(f[0]!.nodes).toEqual(['api']);
    expect(f[0]!.hint).toContain('default, 8080');
  });

  it('checks types, options, patterns, lengths and lists', () => {
    const d = design({
      nodes: [
        node('api', 'rest-service', { replicas: 2.5, language: 'cobol', healthPath: 'health', image: 'UPPER/Case' }),
        node('events', 'kafka', {
          topics: [{ name: 'orders', partitions: 0 }, { name: 'orders' }, { partitions: 3 }, 'oops'],
          serialization: 'xml',
        }),
        node('grafana', 'grafana', { dashboardTitle: 'x'.repeat(201) }),
        node('db', 'postgres', { tables: ['orders', 'Bad-Table', 'orders'] }),
        node('mq', 'mqtt-broker', { allowAnonymous: 'yes', qos: 1 }),
      ],
    });
    const paths = withCode(validate(d), 'TF202').map((x) => x.path).sort();
    expect(paths).toEqual([
      'nodes[0].props.healthPath',
      'nodes[0].props.image',
      'nodes[0].props.language',
      'nodes[0].props.replicas',
      'nodes[1].props.serialization',
      'nodes[1].props.topics[0].partitions',
      'nodes[1].props.topics[1].name',
      'nodes[1].props.topics[2].name',
      'nodes[1].props.topics[3]',
      'nodes[2].props.dashboardTitle',
      'nodes[3].props.tables[1]',
      'nodes[3].props.tables[2]',
      'nodes[4].props.allowAnonymous',
    ]);
  });

  it('accepts every catalog default', () => {
    for (const k of ['rest-service', 'kafka', 'rabbitmq', 'postgres', 'kong', 'prometheus', 'keycloak', 'flink']) {
      const kind = getKind(k)!;
      const props = Object.fromEntries(kind.props.map((p) => [p.key, p.default]));
      expect(checkProps(kind.props, props).problems, k).toEqual([]);
    }
  });

  it('says a value with nothing in it has no value', () => {
    const r = checkProps(getKind('rest-service')!.props, { port: null });
    expect(r.problems[0]!.problem).toBe('Port has no value');
  });
});

describe('components (TF201, TF206, TF207, TF902, TF903)', () => {
  it('TF201: an unknown kind, with a suggestion', () => {
    const d = design({ nodes: [node('db', 'postgress', {}, { label: 'Orders DB' })] });
    const f = withCode(validate(d), 'TF201');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Orders DB (postgress) is of kind "postgress", which Topoforge doesn\'t know');
    expect(f[0]!.hint).toContain('"postgres"');
    expect(f[0]!.path).toBe('nodes[0].kind');
  });

  it('TF206: two components with one id', () => {
    const d = design({ nodes: [node('api', 'rest-service'), node('api', 'kafka')] });
    const f = withCode(validate(d), 'TF206');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Two components have the id "api": REST service and Kafka');
    expect(f[0]!.path).toBe('nodes[1].id');
  });

  it('TF207: an id that is not a valid id', () => {
    const d = design({ nodes: [node('Orders API', 'rest-service')] });
    const f = withCode(validate(d), 'TF207');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('"Orders API"');
    expect(f[0]!.path).toBe('nodes[0].id');
  });

  it('TF902: an unknown setting is kept and reported as information', () => {
    const d = design({ nodes: [node('api', 'rest-service', { colour: 'red' })] });
    const f = withCode(validate(d), 'TF902');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
    expect(f[0]!.message).toBe('REST service has a setting "colour" that REST service doesn\'t have; it is kept but not used');
    expect(d.nodes[0]!.props.colour).toBe('red');
  });

  it('TF903: external components get no container', () => {
    const d = design({ nodes: [node('stripe', 'saas-app', {}, { label: 'Stripe' }), node('api', 'rest-service')], edges: [edge('api', 'stripe', 'http', { timeoutMs: 1000 })] });
    const f = withCode(validate(d), 'TF903');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Stripe (SaaS app) is external: it is drawn and documented but gets no container in the starter stack');
  });
});
