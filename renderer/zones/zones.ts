import { create } from 'zustand';
import { ZONE_PADDING } from '../../shared/layout/constants';
import { registerCommand } from '../app/commands';
import { canvasApi } from '../canvas/api';
import { gesture } from '../history/history';
import { addGroup, moveElements, resizeGroup } from '../store/doc-ops';
import { DEFAULT_ZONE, GRID, NODE_HEIGHT, NODE_WIDTH, positionsOf } from '../store/derive';
import { useEditor } from '../store/store';

/**
 * Zones on the canvas: Add Zone (Z, the toolbar's Zone) lets the user drag out its box on the
 * canvas (ZoneDraw.tsx), whatever is selected; the palette's Zone adds one in a free spot (or
 * where it is dropped); the context menu puts the selection in a new zone; a selected zone is
 * resized by its handles (one undo step per resize); a component dropped inside a zone's box
 * joins it and one dragged out leaves it, in the same undo step as the move (the store's setDoc).
 */

const snap = (v: number) => Math.round(v / GRID) * GRID;

/** While true, the next drag on the canvas draws a zone (see ZoneDraw). */
export const useZoneDraw = create<{ active: boolean }>()(() => ({ active: false }));

/**
 * Adds a zone with this box (canvas coordinates); the components whose centre is inside join it
 * (with `members`, exactly those). One undo step; the new zone is selected.
 */
export function createZone(box: { x: number; y: number; w: number; h: number }, members?: readonly string[]): string {
  const s = useEditor.getState();
  const pos = positionsOf(s.doc);
  const inside = members
    ? new Set(members)
    : new Set(s.doc.nodes.filter((n) => {
        const p = pos.get(n.id);
        if (!p) return false;
        const cx = p.x + NODE_WIDTH / 2;
        const cy = p.y + NODE_HEIGHT / 2;
        return cx >= box.x && cx <= box.x + box.w && cy >= box.y && cy <= box.y + box.h;
      }).map((n) => n.id));
  let id = '';
  s.setDoc((d) => {
    const r = addGroup(d, { label: 'Zone', position: { x: box.x, y: box.y }, size: { w: box.w, h: box.h } });
    id = r.id;
    return { ...r.doc, nodes: r.doc.nodes.map((n) => (inside.has(n.id) ? { ...n, group: r.id } : n)) };
  });
  if (id) s.select({ nodes: [id], edges: [] });
  return id;
}

/** Puts the given components (the selection's) in a new zone drawn around them. */
export function zoneAround(ids: readonly string[]): string | undefined {
  const s = useEditor.getState();
  const zones = new Set(s.doc.groups.map((g) => g.id));
  const members = ids.filter((id) => !zones.has(id) && s.doc.nodes.some((n) => n.id === id));
  if (!members.length) return undefined;
  const pos = positionsOf(s.doc);
  const ps = members.map((id) => pos.get(id)!);
  const x0 = Math.min(...ps.map((p) => p.x)) - ZONE_PADDING.left;
  const y0 = Math.min(...ps.map((p) => p.y)) - ZONE_PADDING.top;
  const x1 = Math.max(...ps.map((p) => p.x + NODE_WIDTH)) + ZONE_PADDING.right;
  const y1 = Math.max(...ps.map((p) => p.y + NODE_HEIGHT)) + ZONE_PADDING.bottom;
  const position = { x: snap(x0 - GRID / 2), y: snap(y0 - GRID / 2) };
  return createZone({ ...position, w: snap(x1 - position.x + GRID / 2), h: snap(y1 - position.y + GRID / 2) }, members);
}

/** Add Zone (Z, the toolbar): the next drag on the canvas draws the zone's box, whatever is selected. */
export function addZone(): void {
  useZoneDraw.setState({ active: true });
}

/**
 * The free spot nearest to `centre` for a zone of `size`: one that covers no other zone and no
 * component (so a new zone is never drawn on top of another one, nor swallows components).
 */
export function freeZoneSpot(centre: { x: number; y: number }, size: { w: number; h: number } = DEFAULT_ZONE): { x: number; y: number } {
  const { doc } = useEditor.getState();
  const pos = positionsOf(doc);
  const zoneIds = new Set(doc.groups.map((g) => g.id));
  const taken = [...pos.entries()].map(([id, p]) => (zoneIds.has(id) ? { x: p.x, y: p.y, w: p.w ?? DEFAULT_ZONE.w, h: p.h ?? DEFAULT_ZONE.h } : { x: p.x, y: p.y, w: NODE_WIDTH, h: NODE_HEIGHT }));
  const x0 = snap(centre.x - size.w / 2);
  const y0 = snap(centre.y - size.h / 2);
  const free = (x: number, y: number) => taken.every((b) => b.x >= x + size.w + GRID || x >= b.x + b.w + GRID || b.y >= y + size.h + GRID || y >= b.y + b.h + GRID);
  const dx = size.w / 2;
  const dy = size.h / 2;
  for (let ring = 0; ring < 16; ring++) {
    for (let j = -ring; j <= ring; j++) {
      for (let i = -ring; i <= ring; i++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const x = snap(x0 + i * dx);
        const y = snap(y0 + j * dy);
        if (free(x, y)) return { x, y };
      }
    }
  }
  return { x: x0, y: y0 };
}

/** A zone of the default size at the free spot nearest `centre` (the middle of the view by default): the palette's Zone, a click while drawing. */
export function addZoneAt(centre: { x: number; y: number } = canvasApi.current?.viewCenter() ?? { x: 0, y: 0 }): string {
  return createZone({ ...freeZoneSpot(centre), ...DEFAULT_ZONE }, []);
}

export function registerZoneCommands(): () => void {
  return registerCommand('arrange.addZone', { run: addZone });
}

const resizing = gesture(useEditor);

/** NodeResizer callbacks for a zone: live while dragging a handle, one undo step at the end. */
export const zoneResize = {
  start(): void {
    resizing.begin();
  },
  resize(id: string, box: { x: number; y: number; width: number; height: number }): void {
    useEditor.getState().setDoc((d) => resizeGroup(moveElements(d, { [id]: { x: box.x, y: box.y } }), id, { w: box.width, h: box.height }));
  },
  end(id: string, box: { x: number; y: number; width: number; height: number }): void {
    zoneResize.resize(id, box);
    resizing.end();
  },
};
