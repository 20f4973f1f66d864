import { ZONE_PADDING } from '../../shared/layout/constants';
import { registerCommand } from '../app/commands';
import { canvasApi } from '../canvas/api';
import { gesture, isApplyingHistory, untracked } from '../history/history';
import { addGroup, moveElements, resizeGroup } from '../store/doc-ops';
import { DEFAULT_ZONE, GRID, NODE_HEIGHT, NODE_WIDTH, positionsOf } from '../store/derive';
import { useEditor } from '../store/store';
import { assignZones, movedOrAdded } from './membership';

/**
 * Zones on the canvas: Add Zone (Z) draws one around the selected components, or in the middle of
 * the view; a selected zone is resized by its handles (one undo step per resize); a component
 * dropped inside a zone's box joins it and one dragged out leaves it, in the same undo step as
 * the move.
 */

const snap = (v: number) => Math.round(v / GRID) * GRID;

export function addZone(): void {
  const s = useEditor.getState();
  const zones = new Set(s.doc.groups.map((g) => g.id));
  const members = s.selection.nodes.filter((id) => !zones.has(id) && s.doc.nodes.some((n) => n.id === id));
  let position: { x: number; y: number };
  let size: { w: number; h: number };
  if (members.length) {
    const pos = positionsOf(s.doc);
    const ps = members.map((id) => pos.get(id)!);
    const x0 = Math.min(...ps.map((p) => p.x)) - ZONE_PADDING.left;
    const y0 = Math.min(...ps.map((p) => p.y)) - ZONE_PADDING.top;
    const x1 = Math.max(...ps.map((p) => p.x + NODE_WIDTH)) + ZONE_PADDING.right;
    const y1 = Math.max(...ps.map((p) => p.y + NODE_HEIGHT)) + ZONE_PADDING.bottom;
    position = { x: snap(x0 - GRID / 2), y: snap(y0 - GRID / 2) };
    size = { w: snap(x1 - position.x + GRID / 2), h: snap(y1 - position.y + GRID / 2) };
  } else {
    const c = canvasApi.current?.viewCenter() ?? { x: 0, y: 0 };
    size = { ...DEFAULT_ZONE };
    position = { x: snap(c.x - size.w / 2), y: snap(c.y - size.h / 2) };
  }
  let id = '';
  s.setDoc(
    (d) => {
      const r = addGroup(d, { label: 'Zone', position, size });
      id = r.id;
      const set = new Set(members);
      return { ...r.doc, nodes: r.doc.nodes.map((n) => (set.has(n.id) ? { ...n, group: r.id } : n)) };
    },
  );
  if (id) s.select({ nodes: [id], edges: [] });
}

export function registerZoneCommands(): () => void {
  return registerCommand('arrange.addZone', { run: addZone });
}

/** Keeps components' zones in step with where they are moved or added (joined to that step). */
export function startZoneMembership(): () => void {
  let amending = false;
  return useEditor.subscribe((s, prev) => {
    if (amending || s.doc === prev.doc || isApplyingHistory() || resizing.active) return;
    const ids = movedOrAdded(prev.doc, s.doc);
    if (!ids.size) return;
    const next = assignZones(s.doc, ids);
    if (next === s.doc) return;
    amending = true;
    try {
      untracked(useEditor, () => useEditor.setState({ doc: next }));
    } finally {
      amending = false;
    }
  });
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
