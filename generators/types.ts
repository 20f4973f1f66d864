import type { Topology } from '../shared/model/types';

/** One generated file, path relative to the bundle root, always `/`-separated. */
export interface OutputFile {
  path: string;
  content: string;
  /** POSIX mode for files that must be executable (init scripts). */
  mode?: number;
}

/** A generator is a pure function: same design, same bytes. */
export type Generator = (doc: Topology) => OutputFile[];
