/**
 * What the rest of the app may ask of the canvas (set by the Canvas component while mounted):
 * the centre of the view in canvas coordinates, fit and zoom.
 */
export interface CanvasApi {
  viewCenter(): { x: number; y: number };
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
}

export const canvasApi: { current: CanvasApi | null } = { current: null };
