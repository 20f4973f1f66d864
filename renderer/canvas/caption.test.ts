import { describe, expect, it } from 'vitest';
import { LABEL_CHARS, shortCaption } from './caption';

describe('a connection label on the canvas', () => {
  it('shows a caption of up to LABEL_CHARS characters whole', () => {
    expect(shortCaption('orders.created (AMQP)')).toBe('orders.created (AMQP)');
    expect(shortCaption('x'.repeat(LABEL_CHARS))).toBe('x'.repeat(LABEL_CHARS));
  });

  it('cuts a longer caption to LABEL_CHARS characters, the last one an ellipsis', () => {
    const cut = shortCaption('payments.settlement.completed.v2 (Kafka, 12 partitions)');
    expect(Array.from(cut)).toHaveLength(LABEL_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('payments.settlement.completed')).toBe(true);
  });

  it('counts an emoji as one character and never cuts one in half', () => {
    const emoji = '📦'.repeat(LABEL_CHARS);
    expect(shortCaption(emoji)).toBe(emoji);
    const cut = shortCaption('📦'.repeat(LABEL_CHARS + 5));
    expect(cut).toBe(`${'📦'.repeat(LABEL_CHARS - 1)}…`);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
