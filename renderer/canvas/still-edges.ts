/**
 * The connections that a drag does not move, drawn as one picture while it is on (a design too
 * large to route connections around components, whose drag the canvas moves itself: Canvas.tsx,
 * live-drag.ts).
 *
 * React Flow draws each connection in an `<svg>` of its own (a stacking context at z 1001): at
 * 5,000 components some 380 of them are in view, and on every frame of a drag the browser
 * layerizes, commits, rasters and hit-tests their paint chunks again, although only the few
 * connections of the moved components change. From the drag's first move the lines of every
 * other connection in the DOM are copied into one `<svg>` behind the moving ones, one `<path>`
 * per look (the lines of one style joined as subpaths of one path), and their own `<svg>`s are
 * hidden (`visibility: hidden`: no paint, no hit test, but still mounted, so the drop re-mounts
 * nothing: it only shows them again). What is on screen is the same lines at the same places:
 * none of them can change during the drag (their ends are not moving, and the store is not
 * updated until the drop). Their labels stay as they are.
 */
const SVG = 'http://www.w3.org/2000/svg';

interface Still {
  copy: SVGSVGElement;
  moved: ReadonlySet<string>;
  /** The hidden connections' own `<svg>`s. */
  hidden: Element[];
}

let still: Still | null = null;

/**
 * Hides the connections in `container` (React Flow's `.react-flow__edges`) with neither end among
 * `moved`, drawn instead as one copy. `ends(id)` gives a connection's ends. Called again during the
 * same drag with more components moved (a zone's), it draws the copy again without their connections.
 */
export function holdStill(container: Element | null | undefined, moved: ReadonlySet<string>, ends: (id: string) => { source: string; target: string } | undefined): void {
  if (still && !pending && [...moved].every((id) => still!.moved.has(id))) return;
  releaseStill();
  if (!container) return;
  const copy = document.createElementNS(SVG, 'svg');
  copy.setAttribute('class', 'topo-still-edges');
  copy.setAttribute('aria-hidden', 'true');
  // One path per look (class, stroke width), in the order they were first met.
  const looks = new Map<string, { path: Element; d: string[] }>();
  const hidden: Element[] = [];
  for (const svg of container.children) {
    const edge = svg.firstElementChild;
    const id = edge?.getAttribute('data-id');
    if (!edge || !id || !edge.classList.contains('react-flow__edge')) continue;
    const e = ends(id);
    if (!e || moved.has(e.source) || moved.has(e.target)) continue;
    for (const p of edge.children) {
      // The drawn line and its arrowhead (not the transparent path that takes the pointer).
      if (p.tagName !== 'path' || p.classList.contains('react-flow__edge-interaction')) continue;
      const d = p.getAttribute('d');
      if (!d) continue;
      const key = `${p.getAttribute('class') ?? ''}|${p.getAttribute('stroke-width') ?? ''}|${p.getAttribute('style') ?? ''}`;
      let look = looks.get(key);
      if (!look) {
        const path = p.cloneNode(false) as Element;
        path.removeAttribute('id');
        looks.set(key, (look = { path, d: [] }));
      }
      look.d.push(d);
    }
    hidden.push(svg);
  }
  still = { copy, moved: new Set(moved), hidden };
  if (!hidden.length) return;
  for (const { path, d } of looks.values()) {
    path.setAttribute('d', d.join(' '));
    copy.appendChild(path);
  }
  // Behind the moving connections (the same z as every connection, and first in the container).
  container.insertBefore(copy, container.firstChild);
  for (const svg of hidden) svg.classList.add('is-still');
}

let pending = 0;

/**
 * Shows every hidden connection again and removes the copy. At the drop (`afterFrame`) this waits
 * for the frame that shows the components put down: showing ~380 connections again is a style
 * pass over their ~1,900 elements (15-25 ms here) that would make that frame later; until then the
 * copy shows the same lines (their ends did not move). A new drag, or a call without
 * `afterFrame`, releases at once.
 */
export function releaseStill(afterFrame = false): void {
  if (afterFrame) {
    if (still && !pending) pending = requestAnimationFrame(() => {
      pending = window.setTimeout(() => {
        pending = 0;
        releaseStill();
      }, 0);
    });
    return;
  }
  if (pending) {
    cancelAnimationFrame(pending);
    clearTimeout(pending);
    pending = 0;
  }
  if (!still) return;
  for (const svg of still.hidden) svg.classList.remove('is-still');
  still.copy.remove();
  still = null;
}
