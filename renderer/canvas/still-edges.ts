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
 * per look (the lines of one style joined as subpaths of one path) in each group of GROUP
 * connections, and their own `<svg>`s are hidden (`visibility: hidden`: no paint, no hit test,
 * but still mounted, so the drop re-mounts nothing: it only shows them again). What is on screen is the same lines at the same places:
 * none of them can change during the drag (their ends are not moving, and the store is not
 * updated until the drop). Their labels stay as they are.
 */
const SVG = 'http://www.w3.org/2000/svg';

/** Connections shown again per frame after a drop (each group has its own part of the copy). */
const GROUP = 96;

interface Group {
  /** The hidden connections' own `<svg>`s. */
  hidden: Element[];
  /** Their lines in the copy. */
  part: SVGGElement;
}

interface Still {
  copy: SVGSVGElement;
  moved: ReadonlySet<string>;
  groups: Group[];
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
  const groups: Group[] = [];
  // Per group, one path per look (class, stroke width), in the order they were first met.
  let looks = new Map<string, { path: Element; d: string[] }>();
  const close = () => {
    const g = groups[groups.length - 1];
    if (!g) return;
    for (const { path, d } of looks.values()) {
      path.setAttribute('d', d.join(' '));
      g.part.appendChild(path);
    }
    looks = new Map();
  };
  for (const svg of container.children) {
    const edge = svg.firstElementChild;
    const id = edge?.getAttribute('data-id');
    if (!edge || !id || !edge.classList.contains('react-flow__edge')) continue;
    const e = ends(id);
    if (!e || moved.has(e.source) || moved.has(e.target)) continue;
    let group = groups[groups.length - 1];
    if (!group || group.hidden.length >= GROUP) {
      close();
      groups.push((group = { hidden: [], part: document.createElementNS(SVG, 'g') }));
    }
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
    group.hidden.push(svg);
  }
  close();
  still = { copy, moved: new Set(moved), groups };
  if (!groups.length) return;
  for (const g of groups) copy.appendChild(g.part);
  // Behind the moving connections (the same z as every connection, and first in the container).
  container.insertBefore(copy, container.firstChild);
  for (const g of groups) for (const svg of g.hidden) svg.classList.add('is-still');
}

let pending = 0;

/** Shows a group of hidden connections again and takes its lines out of the copy; the copy goes with the last. */
function showGroup(s: Still): void {
  const g = s.groups.shift();
  if (g) {
    for (const svg of g.hidden) svg.classList.remove('is-still');
    g.part.remove();
  }
  if (!s.groups.length) {
    s.copy.remove();
    if (still === s) still = null;
  }
}

/**
 * Shows every hidden connection again and removes the copy. At the drop (`afterFrame`) this starts
 * after the frame that shows the components put down, and shows GROUP connections a frame:
 * showing ~380 connections again at once is a style pass over their ~1,900 elements and a paint
 * of all of them (a task of 25-50 ms here) that would make the drop's frame, or the next, late.
 * Until its turn a connection is drawn by the copy, the same line (its ends did not move). A new
 * drag, or a call without `afterFrame`, shows them all at once.
 */
export function releaseStill(afterFrame = false): void {
  if (afterFrame) {
    if (!still || pending) return;
    const s = still;
    let frames = 0;
    const step = () => {
      // The first frame is the drop's.
      if (frames++ > 0) showGroup(s);
      pending = still === s ? requestAnimationFrame(step) : 0;
    };
    pending = requestAnimationFrame(step);
    return;
  }
  if (pending) {
    cancelAnimationFrame(pending);
    pending = 0;
  }
  if (!still) return;
  const s = still;
  while (still === s) showGroup(s);
}
