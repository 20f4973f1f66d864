import { createContext, useContext } from 'react';

/** Below this zoom a component is drawn as a plain block (text can't be read there). */
export const FAR_ZOOM = 0.35;
/**
 * Below this zoom a plain block's label (20 px) is under 4 px on screen, a grey smudge rather than
 * text: it is left out (drawing 1,000 of them was a sixth of the work of every frame of a pan that far out).
 */
export const TINY_ZOOM = 0.2;
/** From this zoom on connection labels are drawn (further out they would only overlap). */
export const LABEL_ZOOM = 0.7;

/**
 * The zoom bands the canvas draws differently, handed down by the canvas (which watches the zoom
 * once) rather than watched by every component and connection: 2,500 selectors run on every frame
 * of a pan or zoom were a quarter of its script time. They render again only when a band is
 * crossed.
 */
const FarContext = createContext(false);
const LegibleContext = createContext(true);

export const FarProvider = FarContext.Provider;
export const LegibleProvider = LegibleContext.Provider;

/** Whether the canvas is zoomed out past FAR_ZOOM. */
export function useFar(): boolean {
  return useContext(FarContext);
}

/** Whether connection labels can be read at the canvas's zoom. */
export function useLegible(): boolean {
  return useContext(LegibleContext);
}

/**
 * Where connection labels are drawn: React Flow's label layer (.react-flow__edgelabel-renderer),
 * found once by the canvas. React Flow's own EdgeLabelRenderer looks it up with a querySelector
 * in a store selector, run by every label on every store update: at 5,000 components, 380 labels
 * in view made that most of a drag frame's script.
 */
const EdgeLabelLayerContext = createContext<HTMLElement | null>(null);
export const EdgeLabelLayerProvider = EdgeLabelLayerContext.Provider;
export function useEdgeLabelLayer(): HTMLElement | null {
  return useContext(EdgeLabelLayerContext);
}
