import { useCallback, useSyncExternalStore } from 'react';

/**
 * Where the components of a drag in progress are, in a design too large to route connections
 * around components (Canvas.tsx): after the drag's first move, the canvas moves the dragged
 * components' elements itself and puts their positions here, instead of updating React Flow's
 * store. An update of React Flow's store runs every selector of its own (the scans of all 5,000
 * components and 7,500 connections for what is in view, the 380 mounted connections' positions):
 * most of a drag frame's script. Here only the connections of the moved components are told
 * (useLivePosition), each by the id of its ends. The drop puts the positions in the design (one
 * undo step); they are cleared once React Flow has them.
 */
type Point = { x: number; y: number };

const positions = new Map<string, Point>();
const listeners = new Map<string, Set<() => void>>();

function notify(ids: Iterable<string>): void {
  const todo = new Set<() => void>();
  for (const id of ids) listeners.get(id)?.forEach((f) => todo.add(f));
  todo.forEach((f) => f());
}

export const liveDrag = {
  /** Whether any position is held. */
  get active(): boolean {
    return positions.size > 0;
  },
  /** Sets the positions of `ids` (from `moved`) and tells their connections. */
  set(moved: Readonly<Record<string, Point>>, ids: Iterable<string>): void {
    const changed: string[] = [];
    for (const id of ids) {
      const p = moved[id];
      const was = positions.get(id);
      if (!p || (was && was.x === p.x && was.y === p.y)) continue;
      positions.set(id, { x: p.x, y: p.y });
      changed.push(id);
    }
    notify(changed);
  },
  /** Forgets every position (React Flow has them now) and tells the connections that followed them. */
  clear(): void {
    if (!positions.size) return;
    const ids = [...positions.keys()];
    positions.clear();
    notify(ids);
  },
  subscribe(id: string, f: () => void): () => void {
    let set = listeners.get(id);
    if (!set) listeners.set(id, (set = new Set()));
    set.add(f);
    return () => {
      set.delete(f);
      if (!set.size) listeners.delete(id);
    };
  },
  get(id: string): Point | undefined {
    return positions.get(id);
  },
};

/** Where the component `id` is being dragged, while the canvas moves it itself (undefined otherwise). */
export function useLivePosition(id: string): Point | undefined {
  const subscribe = useCallback((f: () => void) => liveDrag.subscribe(id, f), [id]);
  const get = useCallback(() => positions.get(id), [id]);
  return useSyncExternalStore(subscribe, get);
}
