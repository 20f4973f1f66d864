import { browserPlatform } from './browser';
import type { Platform } from './types';

/**
 * Picks the platform adapter once: the desktop one when the preload bridge `window.topoforge`
 * is there (`electron.ts`, written against `types.ts`), else the browser one.
 */

type ElectronModule = { electronPlatform?: Platform; createElectronPlatform?: () => Platform; default?: Platform };
const electronMods = import.meta.glob<ElectronModule>('./electron.ts', { eager: true });

function pick(): Platform {
  const bridge = (globalThis as { topoforge?: unknown }).topoforge;
  if (bridge) {
    const mod = Object.values(electronMods)[0];
    const desktop = mod?.createElectronPlatform?.() ?? mod?.electronPlatform ?? mod?.default;
    if (desktop) return desktop;
  }
  return browserPlatform;
}

export const platform: Platform = pick();
