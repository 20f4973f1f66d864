import { describe, expect, it } from 'vitest';
import { CONFLICT_ANSWERS, conflictPrompt, replaceFolderPrompt, RESTORE_ANSWERS, restorePrompt, SAVE_CHANGES_ANSWERS, saveChangesPrompt } from './prompts';

describe('prompts', () => {
  it('has one button per answer, and Cancel (or the safe choice) as the escape answer', () => {
    const s = saveChangesPrompt('a.topo.yaml');
    expect(s.buttons).toHaveLength(SAVE_CHANGES_ANSWERS.length);
    expect(SAVE_CHANGES_ANSWERS[s.cancelId!]).toBe('cancel');
    const c = conflictPrompt('a.topo.yaml');
    expect(c.buttons).toHaveLength(CONFLICT_ANSWERS.length);
    expect(CONFLICT_ANSWERS[c.cancelId!]).toBe('cancel');
    expect(CONFLICT_ANSWERS[c.defaultId!]).toBe('cancel');
    expect(replaceFolderPrompt('out').buttons?.[replaceFolderPrompt('out').cancelId!]).toBe('Cancel');
    const r = restorePrompt([{ format: 1, key: 'a', path: null, name: 'Untitled', text: '', updatedAt: '2026-03-01T10:20:30.000Z' }]);
    expect(r.buttons).toHaveLength(RESTORE_ANSWERS.length);
    expect(RESTORE_ANSWERS[r.cancelId!]).toBe('later');
  });

  it('names the design and what will happen', () => {
    expect(saveChangesPrompt('orders.topo.yaml').message).toContain('"orders.topo.yaml"');
    expect(conflictPrompt('orders.topo.yaml').detail).toMatch(/\.bak/);
    const drafts = Array.from({ length: 10 }, (_, i) => ({ format: 1 as const, key: `k${i}`, path: `/d/f${i}.topo.yaml`, name: `f${i}.topo.yaml`, text: '', updatedAt: '2026-03-01T10:20:30.000Z' }));
    const r = restorePrompt(drafts);
    expect(r.message).toContain('10 designs');
    expect(r.detail).toContain('f0.topo.yaml (/d/f0.topo.yaml), changed 2026-03-01 10:20 UTC');
    expect(r.detail).toContain('…and 2 more');
  });
});
