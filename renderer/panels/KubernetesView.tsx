import type { ReactNode } from 'react';
import type { OutputFile } from '../../generators/types';

/**
 * The Output panel's Kubernetes tab: the `k8s/` folder of the bundle (a Kustomize base and the
 * dev and prod overlays), browsed like the configs, with the command that applies it. The file
 * browser is the panel's own (`browse`), so both tabs look and behave alike.
 */
export function KubernetesView({ files, browse }: { files: readonly OutputFile[]; browse: (files: OutputFile[]) => ReactNode }) {
  const k8s = files.filter((f) => f.path.startsWith('k8s/'));
  if (k8s.length === 0) return <div className="empty-state">No Kubernetes manifests for this design yet.</div>;
  const secrets = k8s.filter((f) => f.path.endsWith('.env.example')).length;
  return (
    <div className="kubernetes-view" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <div className="configs-view-head" aria-label="How to apply the manifests">
        <span>
          {secrets > 0 ? <>Fill the {secrets} env file{secrets === 1 ? '' : 's'} in <span className="mono">k8s/base/secrets/</span>, then </> : null}
          <span className="mono">kubectl apply -k k8s/overlays/dev</span> (or <span className="mono">prod</span>)
        </span>
        <span className="subbar-status">{k8s.length} files</span>
      </div>
      {browse(k8s)}
    </div>
  );
}
