import { useEffect, useId, useMemo, useReducer, useRef, useState } from 'react';
import type { PropDef } from '../../shared/catalog';
import { CATEGORIES, edgePropDefs, getKind, KINDS, PROTOCOL_NAMES } from '../../shared/catalog';
import { checkConnection } from '../../shared/validation';
import { edgeIds } from '../../shared/model/ids';
import type { Diagnostic, Protocol, TopoEdge, TopoNode, Topology } from '../../shared/model/types';
import { PROTOCOLS } from '../../shared/model/types';
import { runCommand } from '../app/commands';
import { Icon } from '../icons/Icon';
import { changeKind, idProblem, renameNode, reverseEdge, setGroupLabel, setEdgeLabel, setEdgeProp, setEdgeProtocol, setMeta, setNodeGroup, setNodeLabel, setNodeProp, setRequirement } from '../store/doc-ops';
import { useFindings } from '../store/findings';
import { setUi, useUi } from '../app/ui-prefs';
import { PanelToggle } from '../panels/Palette';
import { useEditor } from '../store/store';
import { ZoneFields } from '../zones/ZoneFields';
import { FieldShell, PropField, StringListInput } from './fields';
import { SeverityIcon } from '../panels/SeverityIcon';
import { viableProtocols } from '../services/validation';
import { settles, SETTLE_MS, useSettled } from '../store/settled';
import { NO_TRANSIENT, type Selection } from '../store/derive';
import { createResolver } from '../../shared/resolve';

/** What the design means (service names...), resolved once per document, reusing unchanged parts. */
const resolver = createResolver();
/** The service name last shown per component, kept while a large design's is worked out again. */
const shownService = new Map<string, string>();
/**
 * Service names by component id, per list of components. The resolved model names services from
 * the components alone (their ids, kinds and labels, in order), so a design changed elsewhere
 * (components moved, a connection drawn) keeps its node list and its names: no pass over the
 * whole design after every drop.
 */
const servicesByNodes = new WeakMap<readonly TopoNode[], ReadonlyMap<string, string>>();
function serviceOf(doc: Topology, id: string): string | undefined {
  let names = servicesByNodes.get(doc.nodes);
  if (!names) {
    names = new Map(resolver.resolve(doc).components.map((c) => [c.id, c.service]));
    servicesByNodes.set(doc.nodes, names);
  }
  return names.get(id);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Findings whose path is under `prefix` (e.g. `nodes[3].props.port`), by the setting key after it. `owner` (a label) is left out of the start of the message: the field is already under it. */
function errorsByKey(diags: readonly Diagnostic[], prefix: string, owner?: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of diags) {
    if (!d.path || !d.path.startsWith(prefix)) continue;
    const rest = d.path.slice(prefix.length);
    const m = /^([A-Za-z_$][A-Za-z0-9_$-]*)|^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
    if (!m) continue;
    const key = m[1] ?? m[2]!;
    const list = out.get(key) ?? [];
    const colon = d.message.indexOf(': ');
    const head = colon > 0 ? d.message.slice(0, colon) : '';
    // Only a message that starts with the owner's name and a colon ("Kong: …") loses that name; any other is shown whole.
    list.push(owner && head === owner ? d.message.slice(colon + 2) : d.message);
    out.set(key, list);
  }
  return out;
}

function Findings({ diags }: { diags: readonly Diagnostic[] }) {
  if (!diags.length) return null;
  return (
    <ul className="inspector-findings" aria-label="Findings">
      {diags.slice(0, 6).map((d, i) => (
        <li key={i} className={`sev-${d.severity}`}>
          <SeverityIcon severity={d.severity} />
          <span>
            {d.message}
            {d.hint ? <span className="finding-hint">{d.hint}</span> : null}
          </span>
        </li>
      ))}
      {diags.length > 6 ? <li className="more">and {diags.length - 6} more in Problems</li> : null}
    </ul>
  );
}

function PropsSection({ title, defs, values, errors, onChange }: { title: string; defs: readonly PropDef[]; values: Record<string, unknown>; errors: Map<string, string[]>; onChange(key: string, v: unknown): void }) {
  if (!defs.length) return null;
  return (
    <section className="inspector-section">
      <h3 className="section-title">{title}</h3>
      {defs.map((def) => (
        <PropField key={def.key} def={def} value={values[def.key]} errors={errors.get(def.key)} onChange={(v) => onChange(def.key, v)} />
      ))}
    </section>
  );
}

function IdField({ doc, node }: { doc: Topology; node: TopoNode }) {
  const id = useId();
  const [text, setText] = useState(node.id);
  useEffect(() => setText(node.id), [node.id]);
  const problem = idProblem(doc, node.id, text);
  const commit = () => {
    if (text === node.id) return;
    const s = useEditor.getState();
    const r = renameNode(s.doc, node.id, text);
    if (!r.ok) return; // shown inline; the old id stays until the new one is valid
    const sel = s.selection.nodes.map((n) => (n === node.id ? text : n));
    s.setDoc(() => r.doc, { select: { nodes: sel, edges: [] } });
  };
  return (
    <FieldShell id={id} label="Id" help="Its key in the design file: connections and the layout name it. Its service name comes from the label." errors={problem ? [problem] : undefined}>
      <input
        id={id}
        className="input mono"
        value={text}
        spellCheck={false}
        aria-invalid={!!problem}
        aria-describedby={problem ? `${id}-err` : `${id}-help`}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => (problem ? setText(node.id) : commit())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(node.id);
        }}
      />
    </FieldShell>
  );
}

/**
 * Kind: another kind from the catalog. The component keeps its connections that stay valid
 * (doc-ops `changeKind`, judged by validation's checkConnection); those that do not are removed,
 * and a message says which and why. One undo step.
 */
function KindField({ node }: { node: TopoNode }) {
  const id = useId();
  const kind = getKind(node.kind);
  const change = (next: string) => {
    const s = useEditor.getState();
    const r = changeKind(s.doc, node.id, next, checkConnection);
    if (r.doc === s.doc) return;
    s.setDoc(() => r.doc);
    const name = getKind(next)?.name ?? next;
    const label = (nid: string) => r.doc.nodes.find((n) => n.id === nid)?.label || nid;
    if (r.dropped.length) {
      s.toast({
        tone: 'info',
        message: `${label(node.id)} is now a ${name}. Removed ${r.dropped.length === 1 ? 'a connection it cannot have' : `${r.dropped.length} connections it cannot have`}: ${r.dropped.map((d) => `${label(d.from)} → ${label(d.to)} (${d.reason.replace(/\.$/, '')})`).join('; ')}.`,
        hint: 'Undo (Ctrl+Z) brings them back with the previous kind.',
      });
    } else {
      s.toast({ tone: 'success', message: `${label(node.id)} is now a ${name}; its ${r.changed.length ? 'connections were kept (some now over another protocol)' : 'connections were kept'}.` });
    }
  };
  return (
    <FieldShell id={id} label="Kind" help={kind ? `${kind.product}. Changing it keeps the settings and connections that still fit.` : 'Not in the catalog: pick one to make it a known kind.'}>
      <select id={id} className="input select" data-field="kind" value={node.kind} onChange={(e) => change(e.target.value)}>
        {!kind ? <option value={node.kind}>{node.kind} (unknown)</option> : null}
        {CATEGORIES.map((c) => (
          <optgroup key={c.id} label={c.label}>
            {KINDS.filter((k) => k.category === c.id).map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FieldShell>
  );
}

function NodeInspector({ doc, node, index, diags }: { doc: Topology; node: TopoNode; index: number; diags: readonly Diagnostic[] }) {
  const kind = getKind(node.kind);
  const setDoc = useEditor((s) => s.setDoc);
  const labelId = useId();
  const groupId = useId();
  // In a large design the service name (a pass over the whole design: 100-200 ms at 5,000-10,000
  // components) is worked out once the selection and the design have settled and no component is
  // being dragged (a press on a component selects it, and a drag starts at once), and follows the
  // label when typing pauses; meanwhile the last name shown for this component stays.
  const large = settles(doc);
  const named = useSettled(doc, large ? SETTLE_MS : 0);
  const [settled, setSettled] = useState(!large);
  useEffect(() => {
    if (settled) return;
    const t = setTimeout(() => setSettled(true), SETTLE_MS);
    return () => clearTimeout(t);
  }, [settled]);
  const dragging = useEditor((s) => large && s.transient.drag !== NO_TRANSIENT.drag && Object.keys(s.transient.drag).length > 0);
  const wait = large && (!settled || dragging);
  const service = useMemo(() => (wait ? shownService.get(node.id) : serviceOf(named, node.id)), [wait, named, node.id]);
  if (service !== undefined) shownService.set(node.id, service);
  const labelRef = useRef<HTMLInputElement>(null);
  const labelFocus = useEditor((s) => s.labelFocus);
  const firstFocus = useRef(labelFocus);
  useEffect(() => {
    if (labelFocus === firstFocus.current) return;
    labelRef.current?.focus();
    labelRef.current?.select();
  }, [labelFocus]);
  const mine = useMemo(() => diags.filter((d) => d.nodes.includes(node.id) && !d.edges.length), [diags, node.id]);
  const propErrors = useMemo(() => errorsByKey(mine, `nodes[${index}].props.`, node.label || node.id), [mine, index, node.label, node.id]);
  const general = mine.filter((d) => !d.path?.startsWith(`nodes[${index}].props.`));
  return (
    <>
      <div className={`inspector-hero cat-${kind?.category ?? 'unknown'}`}>
        <span className="inspector-hero-icon">
          <Icon iconKey={kind?.icon} size={24} />
        </span>
        <div>
          <div className="inspector-hero-title">{kind?.name ?? `Unknown kind “${node.kind}”`}</div>
          <div className="inspector-hero-sub">{kind ? `${kind.product}${kind.external ? ' · external' : ''}` : 'Not in the catalog: kept as is.'}</div>
        </div>
      </div>
      {kind ? <p className="inspector-desc">{kind.description}</p> : null}
      <Findings diags={general} />
      <section className="inspector-section">
        <FieldShell id={labelId} label="Label" help={service ? `Its service and host name in the stack, the Kubernetes manifests and the document: ${service}` : undefined}>
          <input
            id={labelId}
            ref={labelRef}
            className="input"
            value={node.label}
            onChange={(e) => setDoc((d) => setNodeLabel(d, node.id, e.target.value))}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
        </FieldShell>
        <IdField doc={doc} node={node} />
        <KindField node={node} />
        <FieldShell id={groupId} label="Zone" help={doc.groups.length ? undefined : 'No zones in this design yet.'}>
          <select id={groupId} className="input select" value={node.group ?? ''} disabled={!doc.groups.length && !node.group} onChange={(e) => setDoc((d) => setNodeGroup(d, node.id, e.target.value || undefined))}>
            <option value="">No zone</option>
            {doc.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label || g.id}
              </option>
            ))}
            {node.group && !doc.groups.some((g) => g.id === node.group) ? <option value={node.group}>{node.group} (missing)</option> : null}
          </select>
        </FieldShell>
      </section>
      {kind ? <PropsSection title="Settings" defs={kind.props} values={node.props} errors={propErrors} onChange={(k, v) => setDoc((d) => setNodeProp(d, node.id, k, v))} /> : null}
    </>
  );
}

function EdgeInspector({ doc, edge, edgeId, index, diags }: { doc: Topology; edge: TopoEdge; edgeId: string; index: number; diags: readonly Diagnostic[] }) {
  const setDoc = useEditor((s) => s.setDoc);
  const protoId = useId();
  const labelId = useId();
  const from = doc.nodes.find((n) => n.id === edge.from);
  const to = doc.nodes.find((n) => n.id === edge.to);
  const F = from && getKind(from.kind);
  const T = to && getKind(to.kind);
  const options: Protocol[] = from && to && F && T ? viableProtocols(from, to) : [...PROTOCOLS];
  const current = edge.protocol;
  const mine = useMemo(() => diags.filter((d) => d.edges.includes(edgeId)), [diags, edgeId]);
  const propErrors = useMemo(() => errorsByKey(mine, `edges[${index}].props.`, 'Connection'), [mine, index]);
  const protoErrors = mine.filter((d) => d.path === `edges[${index}].protocol`).map((d) => d.message);
  const general = mine.filter((d) => !d.path?.startsWith(`edges[${index}].props.`) && d.path !== `edges[${index}].protocol`);
  return (
    <>
      <div className="inspector-hero">
        <span className="inspector-hero-icon edge-hero">
          <svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <circle cx="5" cy="12" r="2" />
            <path d="M7 12h11" />
            <path d="m15 8.5 3.5 3.5-3.5 3.5" />
          </svg>
        </span>
        <div className="inspector-hero-main">
          <div className="inspector-hero-title">Connection</div>
          <div className="inspector-hero-sub">
            {from?.label ?? edge.from} → {to?.label ?? edge.to}
          </div>
        </div>
        <button
          type="button"
          className="btn btn-small"
          title="Reverse the arrow: arrows point the way data flows"
          onClick={() => {
            const s = useEditor.getState();
            const next = reverseEdge(s.doc, edgeId);
            const newId = edgeIds(next.edges)[index];
            s.setDoc(() => next, { select: { nodes: [], edges: newId ? [newId] : [] } });
          }}
        >
          Reverse
        </button>
      </div>
      <Findings diags={general} />
      <section className="inspector-section">
        <FieldShell id={protoId} label="Protocol" help={options.length > 1 ? `${from?.label} and ${to?.label} can talk over ${options.map((p) => PROTOCOL_NAMES[p]).join(', ')}.` : undefined} errors={protoErrors}>
          <select id={protoId} className="input select" value={current ?? ''} onChange={(e) => setDoc((d) => setEdgeProtocol(d, edgeId, (e.target.value || undefined) as Protocol | undefined))}>
            {!current ? <option value="">Not set (catalog default)</option> : null}
            {current && !options.includes(current) ? <option value={current}>{PROTOCOL_NAMES[current] ?? current} (not possible here)</option> : null}
            {options.map((p) => (
              <option key={p} value={p}>
                {PROTOCOL_NAMES[p]}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell id={labelId} label="Label" help="Shown on the diagram and in the document, before the protocol.">
          <input id={labelId} className="input" value={edge.label ?? ''} onChange={(e) => setDoc((d) => setEdgeLabel(d, edgeId, e.target.value))} />
        </FieldShell>
      </section>
      <PropsSection title="Settings" defs={edgePropDefs(current && (PROTOCOLS as readonly string[]).includes(current) ? current : undefined)} values={edge.props} errors={propErrors} onChange={(k, v) => setDoc((d) => setEdgeProp(d, edgeId, k, v))} />
    </>
  );
}

const REQ_TEXT: { key: string; label: string; help: string; placeholder?: string }[] = [
  { key: 'integrationType', label: 'Integration type', help: 'What kind of integration this is.', placeholder: 'not decided (e.g. API and messaging integration)' },
  { key: 'businessPurpose', label: 'Business purpose', help: 'What it is for, in business terms.', placeholder: 'not decided (e.g. order fulfillment)' },
  { key: 'scope', label: 'Scope', help: 'Which systems and domains it spans.', placeholder: 'not decided (e.g. storefront, payment)' },
  { key: 'stakeholders', label: 'Stakeholders', help: 'Who owns and uses it.', placeholder: 'not decided (e.g. Engineering, Operations)' },
];

function DesignInspector({ doc, diags }: { doc: Topology; diags: readonly Diagnostic[] }) {
  const setDoc = useEditor((s) => s.setDoc);
  const nameId = useId();
  const descId = useId();
  const latId = useId();
  const tpsId = useId();
  const availId = useId();
  const req = doc.requirements;
  const reqErrors = useMemo(() => errorsByKey(diags, 'requirements.'), [diags]);
  const numberField = (id: string, key: 'latencyP99Ms' | 'throughputTps', label: string, help: string, placeholder: string) => {
    const v = req[key];
    return (
      <FieldShell id={id} label={label} help={help} errors={reqErrors.get(key)}>
        <input
          id={id}
          className="input input-number"
          inputMode="numeric"
          placeholder={placeholder}
          defaultValue={typeof v === 'number' ? String(v) : ''}
          key={`${key}-${String(v)}`}
          onBlur={(e) => {
            const t = e.target.value.trim();
            const n = Number(t);
            if (t === '' || (Number.isFinite(n) && n >= 0)) setDoc((d) => setRequirement(d, key, t === '' ? undefined : n));
            else e.target.value = typeof v === 'number' ? String(v) : '';
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
      </FieldShell>
    );
  };
  const counts = { nodes: doc.nodes.length, edges: doc.edges.length, zones: doc.groups.length };
  return (
    <>
      <div className="inspector-hero">
        <span className="inspector-hero-icon">
          <svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <rect x="3" y="3" width="7" height="7" rx="1.5" />
            <rect x="14" y="14" width="7" height="7" rx="1.5" />
            <path d="M10 6.5h4a3 3 0 0 1 3 3V14" />
          </svg>
        </span>
        <div>
          <div className="inspector-hero-title">Design</div>
          <div className="inspector-hero-sub">
            {plural(counts.nodes, 'component')} · {plural(counts.edges, 'connection')}
            {counts.zones ? ` · ${plural(counts.zones, 'zone')}` : ''}
          </div>
        </div>
      </div>
      <section className="inspector-section">
        <FieldShell id={nameId} label="Name" errors={reqErrors.get('name')}>
          <input id={nameId} className="input" value={doc.name} onChange={(e) => setDoc((d) => setMeta(d, { name: e.target.value }))} />
        </FieldShell>
        <FieldShell id={descId} label="Description">
          <textarea id={descId} className="input textarea" rows={3} value={doc.description ?? ''} onChange={(e) => setDoc((d) => setMeta(d, { description: e.target.value }))} />
        </FieldShell>
      </section>
      <section className="inspector-section">
        <h3 className="section-title">Requirements</h3>
        <p className="section-note">They fill the document and drive the checks (latency, throughput, security).</p>
        {REQ_TEXT.map((r) => (
          <ReqText key={r.key} reqKey={r.key} label={r.label} help={r.help} placeholder={r.placeholder} value={req[r.key]} errors={reqErrors.get(r.key)} />
        ))}
        <div className="field-pair">
          {numberField(latId, 'latencyP99Ms', 'Latency p99 (ms)', 'Slowest acceptable synchronous call path.', 'not decided (e.g. 100)')}
          {numberField(tpsId, 'throughputTps', 'Throughput (TPS)', 'Peak requests or messages per second.', 'not decided (e.g. 10000)')}
        </div>
        <FieldShell id={availId} label="Availability" help="Target uptime, e.g. 99.9%." errors={reqErrors.get('availability')}>
          <input id={availId} className="input" placeholder="not decided (e.g. 99.9%)" value={typeof req.availability === 'string' ? req.availability : ''} onChange={(e) => setDoc((d) => setRequirement(d, 'availability', e.target.value))} />
        </FieldShell>
        <StringListInput def={{ key: 'security', label: 'Security', type: 'string-list', default: [], help: 'Security requirements, e.g. PCI DSS, mTLS, zero trust.' }} value={Array.isArray(req.security) ? req.security : []} errors={reqErrors.get('security')} onChange={(v) => setDoc((d) => setRequirement(d, 'security', v))} />
        <StringListInput def={{ key: 'compliance', label: 'Compliance', type: 'string-list', default: [], help: 'Regulations that apply, e.g. SOX, GDPR, HIPAA.' }} value={Array.isArray(req.compliance) ? req.compliance : []} errors={reqErrors.get('compliance')} onChange={(v) => setDoc((d) => setRequirement(d, 'compliance', v))} />
      </section>
    </>
  );
}

function ReqText({ reqKey: k, label, help, placeholder, value, errors }: { reqKey: string; label: string; help: string; placeholder?: string; value: unknown; errors?: string[] }) {
  const id = useId();
  const setDoc = useEditor((s) => s.setDoc);
  return (
    <FieldShell id={id} label={label} help={help} errors={errors}>
      <input id={id} className="input" placeholder={placeholder} value={typeof value === 'string' ? value : ''} onChange={(e) => setDoc((d) => setRequirement(d, k, e.target.value))} />
    </FieldShell>
  );
}

export function Inspector() {
  const open = useUi((u) => u.inspectorOpen);
  if (!open) {
    return (
      <aside className="panel inspector is-collapsed" aria-label="Inspector (folded)">
        <div className="panel-header">
          <PanelToggle side="right" open={false} name="inspector" onClick={() => setUi({ inspectorOpen: true })} />
        </div>
        <button type="button" className="inspector-rail-label" onClick={() => setUi({ inspectorOpen: true })} tabIndex={-1} aria-hidden="true">
          Inspector
        </button>
      </aside>
    );
  }
  return <InspectorPanel />;
}

/**
 * Whether a pointer button is down. A press on a component selects it, and in a large design
 * showing its settings (~50-100 ms at 5,000 components, laid out with the rest of the page) as
 * the press starts a drag would be the drag's longest frame: the inspector follows a selection
 * made during a press when the button is released (a click: at once).
 */
const press = { down: false, released: new Set<() => void>() };
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => void (press.down = true), true);
  const release = () => {
    press.down = false;
    for (const f of [...press.released]) f();
  };
  for (const type of ['pointerup', 'pointercancel', 'blur']) window.addEventListener(type, release, true);
}

/** The selection the inspector shows: in a large design, one made during a press once the button is released. */
function useShownSelection(large: boolean): Selection {
  const selection = useEditor((s) => s.selection);
  const shown = useRef(selection);
  const [, released] = useReducer((n: number) => n + 1, 0);
  const waiting = large && press.down && selection !== shown.current;
  useEffect(() => {
    if (!waiting) return;
    if (!press.down) return void released(); // released before this effect ran
    press.released.add(released);
    return () => void press.released.delete(released);
  }, [waiting]);
  if (!waiting) shown.current = selection;
  return shown.current;
}

function InspectorPanel() {
  const doc = useEditor((s) => s.doc);
  const selection = useShownSelection(settles(doc));
  const diags = useFindings((s) => s.all);
  let body;
  const total = selection.nodes.length + selection.edges.length;
  if (total > 1) {
    body = (
      <div className="inspector-multi">
        <div className="inspector-hero-title">{total} items selected</div>
        <p className="inspector-desc">
          {plural(selection.nodes.length, 'component or zone', 'components and zones')}, {plural(selection.edges.length, 'connection')}. Drag to move them together; Delete removes them.
        </p>
        <button type="button" className="btn btn-danger" onClick={() => runCommand('edit.delete')}>
          Delete selection
        </button>
      </div>
    );
  } else if (selection.nodes.length === 1) {
    const id = selection.nodes[0]!;
    const index = doc.nodes.findIndex((n) => n.id === id);
    const group = doc.groups.find((g) => g.id === id);
    if (index >= 0) body = <NodeInspector key={id} doc={doc} node={doc.nodes[index]!} index={index} diags={diags} />;
    else if (group) body = <ZoneInspector id={group.id} />;
  } else if (selection.edges.length === 1) {
    const id = selection.edges[0]!;
    const index = edgeIds(doc.edges).indexOf(id);
    if (index >= 0) body = <EdgeInspector key={id} doc={doc} edge={doc.edges[index]!} edgeId={id} index={index} diags={diags} />;
  }
  body ??= <DesignInspector doc={doc} diags={diags.filter((d) => !d.nodes.length && !d.edges.length)} />;
  return (
    <aside className="panel inspector" role="region" aria-label="Inspector">
      <div className="panel-header">
        <PanelToggle side="right" open name="inspector" onClick={() => setUi({ inspectorOpen: false })} />
        <h2 className="panel-title">Inspector</h2>
      </div>
      <div className="inspector-body">{body}</div>
    </aside>
  );
}

function ZoneInspector({ id }: { id: string }) {
  const group = useEditor((s) => s.doc.groups.find((g) => g.id === id));
  const members = useEditor((s) => s.doc.nodes.filter((n) => n.group === id).length);
  const setDoc = useEditor((s) => s.setDoc);
  const labelId = useId();
  if (!group) return null;
  return (
    <>
      <div className="inspector-hero">
        <span className="inspector-hero-icon">
          <svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="1.75" strokeDasharray="3 2.5" aria-hidden="true">
            <rect x="3" y="4" width="18" height="16" rx="2.5" />
          </svg>
        </span>
        <div>
          <div className="inspector-hero-title">Zone</div>
          <div className="inspector-hero-sub">
            {group.id} · {plural(members, 'component')}
          </div>
        </div>
      </div>
      <section className="inspector-section">
        <FieldShell id={labelId} label="Label">
          <input id={labelId} className="input" value={group.label} onChange={(e) => setDoc((d) => setGroupLabel(d, id, e.target.value))} />
        </FieldShell>
        <ZoneFields id={id} />
      </section>
    </>
  );
}
