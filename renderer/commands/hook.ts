import { loadSerializer } from '../services/serializer';
import { canRedo, canUndo } from '../history/history';
import { isEnabled, runCommand } from '../app/commands';
import { useEditor } from '../store/store';
import { checkRuns } from '../app/runtime';
import { outputRuns } from '../services/output-client';

/**
 * `window.__topoforge`: a small, read-mostly handle for end-to-end tests and for support
 * ("paste the output of __topoforge.yaml()"): the design as file text, and the commands.
 */
export interface TestHook {
  yaml(): Promise<string>;
  selection(): { nodes: string[]; edges: string[] };
  select(nodes: string[], edges?: string[]): void;
  run(id: string): boolean;
  enabled(id: string): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /** How many times the design was checked (in the page, or again by the generators), the output generated and the document replaced in the store since the page started. */
  runs(): { checks: number; outputs: number; docs: number };
}

export function installTestHook(): () => void {
  const hook: TestHook = {
    yaml: async () => {
      const doc = useEditor.getState().doc;
      return (await loadSerializer())(doc);
    },
    selection: () => ({ nodes: [...useEditor.getState().selection.nodes], edges: [...useEditor.getState().selection.edges] }),
    select: (nodes, edges = []) => useEditor.getState().select({ nodes, edges }),
    run: runCommand,
    enabled: isEnabled,
    canUndo: () => canUndo(useEditor),
    canRedo: () => canRedo(useEditor),
    runs: () => ({ checks: checkRuns.count + outputRuns.checkedAgain, outputs: outputRuns.count, docs }),
  };
  // Counted, never changed: each edit should set the document once (nothing amends it afterwards).
  let docs = 0;
  const off = useEditor.subscribe((st, prev) => {
    if (st.doc !== prev.doc) docs++;
  });
  const w = window as unknown as { __topoforge?: TestHook };
  w.__topoforge = hook;
  return () => {
    off();
    if (w.__topoforge === hook) delete w.__topoforge;
  };
}
