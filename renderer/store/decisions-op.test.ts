import { describe, expect, it } from 'vitest';
import { emptyTopology } from '../../shared/model/types';
import { undecided } from '../../generators/doc';
import { answerDecision } from './doc-ops';

describe('answerDecision', () => {
  it('writes text, numbers and lists under the key, and removes an empty answer', () => {
    let doc = emptyTopology('D');
    doc = answerDecision(doc, 'eventVersioning', 'text', '  backward   compatible ');
    expect(doc.requirements.eventVersioning).toBe('backward compatible');
    doc = answerDecision(doc, 'latencyP99Ms', 'number', '<100ms API response');
    expect(doc.requirements.latencyP99Ms).toBe(100);
    doc = answerDecision(doc, 'throughputTps', 'number', '10K TPS');
    expect(doc.requirements.throughputTps).toBe(10000);
    doc = answerDecision(doc, 'throughputTps', 'number', '12,500');
    expect(doc.requirements.throughputTps).toBe(12500);
    const before = doc;
    expect(answerDecision(doc, 'throughputTps', 'number', 'lots')).toBe(before);
    doc = answerDecision(doc, 'security', 'list', 'PCI-DSS, mTLS everywhere');
    expect(doc.requirements.security).toEqual(['PCI-DSS', 'mTLS everywhere']);
    doc = answerDecision(doc, 'eventVersioning', 'text', '   ');
    expect('eventVersioning' in doc.requirements).toBe(false);
  });

  it('closes the question it answers', () => {
    const doc = emptyTopology('D');
    const q = undecided(doc).find((x) => x.variable === 'STAKEHOLDERS')!;
    const answered = answerDecision(doc, q.key, q.input, 'Platform team');
    expect(undecided(answered).some((x) => x.variable === 'STAKEHOLDERS')).toBe(false);
    expect(doc.requirements.stakeholders).toBeUndefined();
  });
});
