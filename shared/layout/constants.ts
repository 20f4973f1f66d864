/**
 * Sizes the layouts work with. Kept apart from `./index` (which loads ELK, over a megabyte of
 * JavaScript) so that code needing only these, such as the app's zones and the quick layout,
 * does not pull ELK into the app's start-up bundle.
 */

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 72;
/** Room at the top of a zone for its title, and around its content. */
export const ZONE_PADDING = { top: 48, left: 28, bottom: 28, right: 28 } as const;
/** Size of a zone with no component in it. */
export const EMPTY_ZONE = { w: 240, h: 120 } as const;
