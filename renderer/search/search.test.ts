import { describe, expect, it } from 'vitest';
import { emptyTopology, type Topology } from '../../shared/model/types';
import { addNode } from '../store/doc-ops';
import { findNodes, matchScore } from './search';

function design(): Topology {
  let doc = emptyTopology('Shop');
  for (const [kind, label] of [['rest-service', 'Orders API'], ['kafka', 'Order events'], ['postgres', 'Orders DB'], ['redis', 'Session cache']] as const) {
    doc = addNode(doc, { kind, label, position: { x: 0, y: 0 } }).doc;
  }
  return doc;
}

describe('find', () => {
  it('finds by label, kind name, kind id and id, case-insensitively', () => {
    const doc = design();
    expect(findNodes(doc, 'orders').map((h) => h.id)).toEqual(['orders-api', 'orders-db', 'order-events']);
    expect(findNodes(doc, 'POSTGRESQL').map((h) => h.id)).toEqual(['orders-db']);
    expect(findNodes(doc, 'postgres').map((h) => h.id)).toEqual(['orders-db']);
    expect(findNodes(doc, 'session-cache').map((h) => h.id)).toEqual(['session-cache']);
    expect(findNodes(doc, 'kafka').map((h) => h.id)).toEqual(['order-events']);
  });

  it('is forgiving: letters in order, and several words', () => {
    const doc = design();
    expect(findNodes(doc, 'pgsql').map((h) => h.id)).toEqual(['orders-db']);
    expect(findNodes(doc, 'order cache')).toEqual([]);
    expect(findNodes(doc, 'session redis').map((h) => h.id)).toEqual(['session-cache']);
    expect(findNodes(doc, '   ')).toEqual([]);
    expect(findNodes(doc, 'zzz')).toEqual([]);
  });

  it('ranks exact, then prefix, then word, then inside a word, then scattered letters', () => {
    expect(matchScore('kafka', 'kafka')).toBeGreaterThan(matchScore('kafka events', 'kafka'));
    expect(matchScore('kafka events', 'kafka')).toBeGreaterThan(matchScore('my kafka', 'kafka'));
    expect(matchScore('my kafka', 'kafka')).toBeGreaterThan(matchScore('mykafka', 'kafka'));
    expect(matchScore('mykafka', 'kafka')).toBeGreaterThan(matchScore('k-a-f-k-a', 'kafka'));
    expect(matchScore('abc', 'abd')).toBe(0);
  });
});
