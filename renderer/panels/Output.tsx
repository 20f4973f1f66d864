import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OutputFile } from '../../generators/types';
import { exportBundle } from '../app/actions';
import type { Output as OutputData } from '../services/output';
import { generateOutput } from '../services/output-client';
import { useFindings } from '../store/findings';
import { useEditor, type OutputTab } from '../store/store';
import { currentTheme, useTheme, type Theme } from '../theme/theme';
import { KubernetesView } from './KubernetesView';
import { markDecisions } from './Decisions';

/** The Output panel: the generated document, compose file, configs and diagram, live (debounced). */

const TABS: { id: OutputTab; label: string }[] = [
  { id: 'template', label: 'Template' },
  { id: 'compose', label: 'Compose' },
  { id: 'configs', label: 'Configs' },
  { id: 'kubernetes', label: 'Kubernetes' },
  { id: 'mermaid', label: 'Mermaid' },
];

const DEBOUNCE_MS = 200;
let mermaidSeq = 0;
const MAX_INLINE_DIAGRAM = 40_000;

/**
 * The generated output of the design, once per edit: it waits for the findings about the current
 * document (app/runtime.ts checks each edit) and hands them to the generators, which then do not
 * check the design again.
 */
function useOutput(): { data: OutputData | null; busy: boolean } {
  const doc = useEditor((s) => s.doc);
  const checks = useFindings((s) => (s.forDoc === doc ? s.checks : null));
  const [data, setData] = useState<OutputData | null>(null);
  const [busy, setBusy] = useState(true);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setBusy(true);
    if (!checks) return; // the findings about this document are on their way
    const t = setTimeout(() => {
      generateOutput(doc, checks).then(
        (out) => {
          if (seq.current !== mine) return;
          setData(out);
          setBusy(false);
        },
        (e: unknown) => {
          if (seq.current !== mine) return;
          setData({ files: [], errors: [String(e)] });
          setBusy(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [doc, checks]);
  return { data, busy };
}

function CopyButton({ text, what }: { text: string | undefined; what: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={!text}
      aria-label={`Copy ${what}`}
      onClick={async () => {
        if (!text) return;
        try {
          await navigator.clipboard.writeText(text);
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        } catch {
          useEditor.getState().toast({ tone: 'error', message: 'Copying was not allowed by the browser.', hint: 'Select the text and copy it with the keyboard.' });
        }
      }}
    >
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}

function Missing({ what }: { what: string }) {
  return <div className="empty-state">{what} is not available in this build yet.</div>;
}

/**
 * Mermaid draws in the app's theme (its own `dark` theme on the dark canvas), so the diagram stays
 * readable in both. Labels are SVG text (`htmlLabels: false`, at the top level: Mermaid 11 ignores
 * the old `flowchart.htmlLabels` for node labels and writes them as HTML in a `<foreignObject>`,
 * which the SVG sanitizer below removes, leaving blank boxes).
 */
async function renderMermaid(source: string, theme: Theme = currentTheme()): Promise<string> {
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: theme === 'dark' ? 'dark' : 'default', fontFamily: 'var(--font-sans)', htmlLabels: false, markdownAutoWrap: false });
  return (await mermaid.render(`tf-mermaid-${++mermaidSeq}`, source)).svg;
}

/** The document, with its Mermaid code blocks drawn as diagrams (the source stays one click away). */
function Markdown({ source }: { source: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }) as string), [source]);
  const theme = useTheme((t) => t.theme);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    let live = true;
    const blocks = Array.from(ref.current?.querySelectorAll('pre > code.language-mermaid') ?? []);
    (async () => {
      for (const code of blocks) {
        // A very large diagram would hold the window for seconds: it stays as source (the Mermaid tab draws it on request).
        if ((code.textContent ?? '').length > MAX_INLINE_DIAGRAM) continue;
        try {
          const svg = await renderMermaid(code.textContent ?? '', theme);
          if (!live) return;
          const figure = document.createElement('figure');
          figure.className = 'markdown-diagram';
          figure.innerHTML = DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true } });
          code.parentElement?.replaceWith(figure);
        } catch {
          // Left as code: the Mermaid tab says what is wrong with it.
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [html, theme]);
  // Open fields of the document are marked and open their question in the Decisions view.
  useEffect(() => markDecisions(ref.current), [html, theme]);
  // Keyed by theme: the diagrams drawn into it are drawn again in the new theme.
  return <article key={theme} ref={ref} className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Code({ text, label }: { text: string; label: string }) {
  return (
    <pre className="code" aria-label={label} tabIndex={0}>
      <code>{text}</code>
    </pre>
  );
}

interface TreeNode {
  name: string;
  path: string;
  children: TreeNode[];
  file?: OutputFile;
}

function buildTree(files: readonly OutputFile[]): TreeNode[] {
  const root: TreeNode = { name: '', path: '', children: [] };
  for (const f of files) {
    const parts = f.path.split('/');
    let cur = root;
    parts.forEach((part, i) => {
      const path = parts.slice(0, i + 1).join('/');
      let next = cur.children.find((c) => c.name === part && !!c.file === (i === parts.length - 1));
      if (!next) {
        next = { name: part, path, children: [], ...(i === parts.length - 1 ? { file: f } : {}) };
        cur.children.push(next);
      }
      cur = next;
    });
  }
  const sort = (n: TreeNode) => {
    n.children.sort((a, b) => (!!a.file === !!b.file ? a.name.localeCompare(b.name) : a.file ? 1 : -1));
    n.children.forEach(sort);
  };
  sort(root);
  return root.children;
}

function Tree({ nodes, selected, onSelect, depth = 0 }: { nodes: TreeNode[]; selected: string | undefined; onSelect(p: string): void; depth?: number }) {
  return (
    <ul className="tree" role={depth === 0 ? 'tree' : 'group'} aria-label={depth === 0 ? 'Generated files' : undefined}>
      {nodes.map((n) =>
        n.file ? (
          <li key={n.path} role="treeitem" aria-selected={selected === n.path}>
            <button type="button" className={`tree-file${selected === n.path ? ' is-selected' : ''}`} style={{ paddingLeft: 8 + depth * 14 }} onClick={() => onSelect(n.path)}>
              <svg viewBox="0 0 24 24" width="13" height="13" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                <path d="M6 3h8l4 4v14H6z" />
                <path d="M14 3v4h4" />
              </svg>
              {n.name}
            </button>
          </li>
        ) : (
          <li key={n.path} role="treeitem" aria-expanded="true" aria-selected="false">
            <div className="tree-folder" style={{ paddingLeft: 8 + depth * 14 }}>
              <svg viewBox="0 0 24 24" width="13" height="13" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden="true">
                <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
              </svg>
              {n.name}
            </div>
            <Tree nodes={n.children} selected={selected} onSelect={onSelect} depth={depth + 1} />
          </li>
        ),
      )}
    </ul>
  );
}

function Configs({ files }: { files: OutputFile[] }) {
  const tree = useMemo(() => buildTree(files), [files]);
  const [selected, setSelected] = useState<string | undefined>();
  const file = files.find((f) => f.path === selected) ?? files.find((f) => f.path.startsWith('config/')) ?? files[0];
  if (!files.length) return <Missing what="The generated bundle" />;
  return (
    <div className="configs">
      <div className="configs-tree">
        <Tree nodes={tree} selected={file?.path} onSelect={setSelected} />
      </div>
      <div className="configs-view">
        {file ? (
          <>
            <div className="configs-view-head">
              <span className="mono">{file.path}</span>
              <CopyButton text={file.content} what={file.path} />
            </div>
            <Code text={file.content} label={file.path} />
          </>
        ) : null}
      </div>
    </div>
  );
}

function MermaidView({ source }: { source: string }) {
  const theme = useTheme((t) => t.theme);
  const [svg, setSvg] = useState<string>('');
  const [error, setError] = useState<string>('');
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const out = await renderMermaid(source, theme);
        if (live) {
          // Mermaid's strict mode already cleans labels; the SVG is cleaned again as the document's diagrams are.
          setSvg(DOMPurify.sanitize(out, { USE_PROFILES: { svg: true, svgFilters: true } }));
          setError('');
        }
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [source, theme]);
  return (
    <div className="mermaid-split">
      <div className="mermaid-render" aria-label="Rendered diagram" role="img">
        {error ? <div className="field-error">The diagram could not be drawn: {error}</div> : <div className="mermaid-svg" dangerouslySetInnerHTML={{ __html: svg }} />}
      </div>
      <div className="mermaid-source">
        <div className="configs-view-head">
          <span className="mono">diagram.mmd</span>
        </div>
        <Code text={source} label="Mermaid source" />
      </div>
    </div>
  );
}

export function OutputPanel() {
  const tab = useEditor((s) => s.outputTab);
  const setTab = useEditor((s) => s.setOutputTab);
  const { data, busy } = useOutput();
  const current = tab === 'template' ? data?.template : tab === 'compose' ? data?.compose : tab === 'mermaid' ? data?.mermaid : undefined;
  return (
    <section className="output" role="region" aria-label="Output">
      <div className="subbar">
        <div className="segmented" role="tablist" aria-label="Output views">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'is-active' : ''} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        <span className="subbar-status" aria-live="polite">
          {busy ? 'Updating…' : data ? `${data.files.length} files` : ''}
        </span>
        <span className="spacer" />
        {tab !== 'configs' && tab !== 'kubernetes' ? <CopyButton text={current} what={TABS.find((t) => t.id === tab)!.label} /> : null}
        <button type="button" className="btn btn-small" onClick={() => void exportBundle()}>
          Export bundle
        </button>
      </div>
      {data?.errors.length ? <div className="banner banner-error">{data.errors.join(' ')}</div> : null}
      <div className="output-body" role="tabpanel" aria-label={TABS.find((t) => t.id === tab)!.label}>
        {!data ? (
          <div className="empty-state">Generating…</div>
        ) : tab === 'template' ? (
          data.template ? <Markdown source={data.template} /> : <Missing what="The integration document" />
        ) : tab === 'compose' ? (
          data.compose ? <Code text={data.compose} label="docker-compose.yml" /> : <Missing what="The Compose file" />
        ) : tab === 'configs' ? (
          <Configs files={data.files.filter((f) => !f.path.startsWith('k8s/'))} />
        ) : tab === 'kubernetes' ? (
          <KubernetesView files={data.files} browse={(k8s) => <Configs key="k8s" files={k8s} />} />
        ) : data.mermaid ? (
          <MermaidView source={data.mermaid} />
        ) : (
          <Missing what="The Mermaid diagram" />
        )}
      </div>
    </section>
  );
}
