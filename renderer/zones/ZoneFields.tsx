import { useId } from 'react';
import type { Group, GroupKind, TrustLevel } from '../../shared/model/types';
import { GROUP_KINDS, TRUST_LEVELS } from '../../shared/model/types';
import { FieldShell } from '../inspector/fields';
import { useEditor } from '../store/store';

/**
 * A zone's kind (zone, trust boundary, network, team) and trust level, in the inspector. Trust
 * levels feed validation (a connection crossing into a more trusted zone); networks feed the
 * Compose networks; every zone is a Mermaid subgraph.
 */

const KIND_NAMES: Record<GroupKind, string> = { zone: 'Zone', 'trust-boundary': 'Trust boundary', network: 'Network', team: 'Team' };
const TRUST_NAMES: Record<TrustLevel, string> = { internet: 'Internet (untrusted)', dmz: 'DMZ', internal: 'Internal', restricted: 'Restricted' };

function setGroupField(id: string, key: 'kind' | 'trust', value: string | undefined) {
  useEditor.getState().setDoc((d) => {
    const i = d.groups.findIndex((g) => g.id === id);
    if (i < 0 || d.groups[i]![key] === value) return d;
    const groups = d.groups.slice();
    const { [key]: _old, ...rest } = groups[i]!;
    groups[i] = (value ? { ...rest, [key]: value } : rest) as Group;
    return { ...d, groups };
  });
}

export function ZoneFields({ id }: { id: string }) {
  const group = useEditor((s) => s.doc.groups.find((g) => g.id === id));
  const kindId = useId();
  const trustId = useId();
  if (!group) return null;
  return (
    <>
      <FieldShell id={kindId} label="Kind" help="What the zone stands for: a trust boundary, a network, a team, or just a group.">
        <select id={kindId} className="input select" value={group.kind ?? ''} onChange={(e) => setGroupField(id, 'kind', e.target.value || undefined)}>
          <option value="">Not set</option>
          {GROUP_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </FieldShell>
      <FieldShell id={trustId} label="Trust" help="How far what runs here is trusted. Connections into a more trusted zone are checked.">
        <select id={trustId} className="input select" value={group.trust ?? ''} onChange={(e) => setGroupField(id, 'trust', e.target.value || undefined)}>
          <option value="">Not set</option>
          {TRUST_LEVELS.map((t) => (
            <option key={t} value={t}>
              {TRUST_NAMES[t]}
            </option>
          ))}
        </select>
      </FieldShell>
    </>
  );
}
