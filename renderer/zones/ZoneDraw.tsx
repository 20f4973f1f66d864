import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { flow } from '../export/image';
import { GRID } from '../store/derive';
import { addZoneAt, createZone, useZoneDraw } from './zones';

/**
 * Drawing a zone: while Add Zone waits for it, a layer over the canvas turns a drag into the
 * zone's box (components whose centre falls inside join it); a click puts a zone of the default
 * size there; Esc cancels.
 */

const snap = (v: number) => Math.round(v / GRID) * GRID;
const MIN = 48;

interface Drag {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function ZoneDraw() {
  const active = useZoneDraw((s) => s.active);
  if (!active) return null;
  return <DrawLayer />;
}

function DrawLayer() {
  const [bounds, setBounds] = useState<DOMRect | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const layer = useRef<HTMLDivElement>(null);
  const stop = () => useZoneDraw.setState({ active: false });

  useEffect(() => {
    const pane = document.querySelector('.react-flow');
    setBounds(pane ? pane.getBoundingClientRect() : null);
    layer.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        stop();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (!bounds) return null;

  const finish = (d: Drag) => {
    stop();
    const rf = flow.current;
    if (!rf) return;
    const a = rf.screenToFlowPosition({ x: Math.min(d.x0, d.x1), y: Math.min(d.y0, d.y1) });
    const b = rf.screenToFlowPosition({ x: Math.max(d.x0, d.x1), y: Math.max(d.y0, d.y1) });
    if (Math.abs(d.x1 - d.x0) < 8 && Math.abs(d.y1 - d.y0) < 8) {
      addZoneAt(a);
      return;
    }
    const x = snap(a.x);
    const y = snap(a.y);
    createZone({ x, y, w: Math.max(MIN * 2, snap(b.x) - x), h: Math.max(MIN, snap(b.y) - y) });
  };

  const box = drag && { left: Math.min(drag.x0, drag.x1) - bounds.left, top: Math.min(drag.y0, drag.y1) - bounds.top, width: Math.abs(drag.x1 - drag.x0), height: Math.abs(drag.y1 - drag.y0) };
  return (
    <div
      ref={layer}
      className="zone-draw"
      tabIndex={-1}
      role="application"
      aria-label="Draw a zone: drag a box on the canvas, or press Escape to cancel"
      style={{ left: bounds.left, top: bounds.top, width: bounds.width, height: bounds.height }}
      onPointerDown={(e: ReactPointerEvent) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        setDrag({ x0: e.clientX, y0: e.clientY, x1: e.clientX, y1: e.clientY });
      }}
      onPointerMove={(e) => drag && setDrag({ ...drag, x1: e.clientX, y1: e.clientY })}
      onPointerUp={(e) => drag && finish({ ...drag, x1: e.clientX, y1: e.clientY })}
    >
      <div className="zone-draw-hint">Drag to draw the zone · Esc to cancel</div>
      {box ? <div className="zone-draw-box" style={box} /> : null}
    </div>
  );
}
