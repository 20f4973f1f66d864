import { EXAMPLES as BUNDLED } from '../../assets/examples';
import { parseTopology } from '../../shared/model/parse';
import type { Topology } from '../../shared/model/types';
import { emptyTopology } from '../../shared/model/types';

/** The bundled example designs (assets/examples), read with the same parser as a file. */

export interface Example {
  id: string;
  title: string;
  description: string;
  load: () => Topology;
}

export const EXAMPLES: readonly Example[] = BUNDLED.map((e) => ({
  id: e.id,
  title: e.title,
  description: e.description,
  load: () => {
    const r = parseTopology(e.yaml, { fileName: `${e.id}.topo.yaml` });
    return r.ok ? r.doc : emptyTopology(e.title);
  },
}));

/** The example opened on first launch: the e-commerce one. */
export function defaultExample(): Example | undefined {
  return EXAMPLES.find((e) => /ecommerce|e-commerce/i.test(e.id)) ?? EXAMPLES[0];
}
