import { generateKubernetes } from '../../generators/k8s';
import type { Topology } from '../../shared/model/types';
import { schemaErrors } from '../k8s/cluster';
import { build } from '../k8s/kustomize';

/**
 * The Kubernetes target on any design, hostile text included: both overlays build (every
 * resource exists, every patch finds its target), every object they give validates against the
 * Kubernetes and operator schemas and has a name Kubernetes accepts, and the same design gives
 * the same bytes. (The bundle properties also compare its files with the plain twin's.)
 */
export function checkKubernetes(doc: Topology): void {
  const files = generateKubernetes(doc);
  if (JSON.stringify(generateKubernetes(doc)) !== JSON.stringify(files)) throw new Error('k8s: the same design gave different files');
  for (const env of ['dev', 'prod']) {
    const objs = build(files, `k8s/overlays/${env}`);
    const seen = new Set<string>();
    for (const o of objs) {
      const id = `${o.kind}/${o.metadata?.name}`;
      if (seen.has(id)) throw new Error(`k8s overlay ${env}: two objects ${id}`);
      seen.add(id);
      if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(o.metadata.name) || o.metadata.name.length > 253) throw new Error(`k8s overlay ${env}: ${id} is not a valid name`);
      const errors = schemaErrors(o);
      if (errors.length) throw new Error(`k8s overlay ${env}: ${errors.join('; ')}`);
    }
  }
}
