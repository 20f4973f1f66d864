import type { KindId } from '../../shared/catalog';
import type { Component } from '../../shared/resolve';
import { KIND_MODULES } from './index';
import type { KindModule } from './types';

/** The module of a component's kind. */
export function moduleOf(c: Component): KindModule {
  return KIND_MODULES[c.kind.id as KindId];
}
