import { useEffect, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import type { FieldModel, Question } from '../../generators/doc';
import { buildDocument, inputOf, integrationTemplate, requirementKey } from '../../generators/doc';
import type { Topology } from '../../shared/model/types';
import { answerDecision } from '../store/doc-ops';
import { useEditor } from '../store/store';
import './decisions.css';

/**
 * The Decisions view: each field of the template the drawing cannot answer, as a question with
 * its section, what the template says it is, why it matters, why it is open, the template's own
 * options and the design's suggestion. An answer is written to the design's `requirements`
 * under the field's key (answerDecision, one undoable change) and fills the field in the
 * document. Answered fields are listed below, to change or clear. The document's preview marks
 * its open fields; clicking one opens its question here (openDecision).
 */

interface FocusState {
  variable: string | null;
  /** Bumped on every request, so that asking twice scrolls twice. */
  seq: number;
}

const useDecisionFocus = create<FocusState>(() => ({ variable: null, seq: 0 }));

/** Opens the Decisions view on one field's question. */
export function openDecision(variable: string): void {
  useDecisionFocus.setState((s) => ({ variable, seq: s.seq + 1 }));
  useEditor.getState().setBottom(true, 'decisions');
}

const DEBOUNCE_MS = 150;

/** The document model of the design, recomputed a moment after it changes. */
function useDocumentModel(doc: Topology) {
  const [model, setModel] = useState(() => buildDocument(doc));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => setModel(buildDocument(doc)), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [doc]);
  return model;
}

/** Inline Markdown of the document as plain text (its reasons name services in backticks). */
function plain(md: string): string {
  return md.replace(/`([^`]*)`/g, '$1').replace(/\\([\\`*_[\]<>|~#+\-!=.()])/g, '$1').replace(/&#58;/g, ':').replace(/&#46;/g, '.').replace(/&#64;/g, '@').replace(/&amp;/g, '&');
}

const domId = (variable: string) => `decision-${variable.toLowerCase()}`;

function QuestionCard({ q, open, onToggle, focusSeq }: { q: Question; open: boolean; onToggle(): void; focusSeq: number }) {
  const setDoc = useEditor((s) => s.setDoc);
  const [value, setValue] = useState(q.suggestion?.value ?? '');
  const input = useRef<HTMLInputElement>(null);
  const card = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!open || focusSeq === 0) return;
    card.current?.scrollIntoView({ block: 'nearest' });
    input.current?.focus();
  }, [open, focusSeq]);
  const save = () => setDoc((d) => answerDecision(d, q.key, q.input, value));
  const numberOk = q.input !== 'number' || /\d/.test(value);
  return (
    <li ref={card} id={domId(q.variable)} className={`decision${open ? ' is-open' : ''}`}>
      <button type="button" className="decision-head" aria-expanded={open} onClick={onToggle}>
        <span className="decision-section">{q.section}</span>
        <span className="decision-label">{q.label}</span>
        {q.suggestion ? <span className="decision-suggested">suggested: {q.suggestion.value}{q.unit ? ` ${q.unit}` : ''}</span> : null}
      </button>
      {open ? (
        <div className="decision-body" role="group" aria-label={`${q.section}: ${q.label}`}>
          <p className="decision-what">
            <strong>{q.description}.</strong> {q.why}
          </p>
          <p className="decision-why">Open: {plain(q.reason)}.</p>
          {q.choices.length ? (
            <div className="decision-choices" role="group" aria-label="Options from the template">
              {q.choices.map((c) => (
                <button key={c} type="button" className={`decision-choice${value === c ? ' is-picked' : ''}`} aria-pressed={value === c} onClick={() => setValue(c)}>
                  {c}
                </button>
              ))}
            </div>
          ) : null}
          {q.suggestion ? (
            <p className="decision-suggestion">
              Suggested from the design: <strong>{q.suggestion.value}{q.unit ? ` ${q.unit}` : ''}</strong>, as {q.suggestion.because.replace(/\.$/, '')}.
            </p>
          ) : null}
          <form
            className="decision-answer"
            onSubmit={(e) => {
              e.preventDefault();
              if (value.trim() && numberOk) save();
            }}
          >
            <label>
              <span className="decision-answer-label">
                Answer{q.input === 'number' ? ` (${q.unit ?? 'a number'})` : q.input === 'list' ? ' (comma-separated)' : ''} — saved as <code>requirements.{q.key}</code>
              </span>
              <input ref={input} className="input" type="text" inputMode={q.input === 'number' ? 'numeric' : undefined} value={value} onChange={(e) => setValue(e.target.value)} aria-label={`Answer: ${q.label}`} />
            </label>
            <button type="submit" className="btn btn-primary btn-small" disabled={!value.trim() || !numberOk}>
              Save answer
            </button>
          </form>
        </div>
      ) : null}
    </li>
  );
}

function AnsweredRow({ f }: { f: FieldModel }) {
  const doc = useEditor((s) => s.doc);
  const setDoc = useEditor((s) => s.setDoc);
  const key = requirementKey(f.variable);
  const raw = doc.requirements[key];
  const text = Array.isArray(raw) ? raw.join(', ') : String(raw ?? '');
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(text);
  const { input } = inputOf(f.variable);
  return (
    <li className="decision-answered">
      <span className="decision-section">{f.section}</span>
      <span className="decision-label">{f.label}</span>
      {editing ? (
        <form
          className="decision-answer is-inline"
          onSubmit={(e) => {
            e.preventDefault();
            setDoc((d) => answerDecision(d, key, input, value));
            setEditing(false);
          }}
        >
          <input className="input" value={value} onChange={(e) => setValue(e.target.value)} aria-label={`Change answer: ${f.label}`} autoFocus />
          <button type="submit" className="btn btn-small">
            Save
          </button>
        </form>
      ) : (
        <>
          <span className="decision-value">{text}</span>
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)} aria-label={`Change ${f.label}`}>
            Change
          </button>
          <button type="button" className="btn btn-small" onClick={() => setDoc((d) => answerDecision(d, key, input, ''))} aria-label={`Clear ${f.label}`}>
            Clear
          </button>
        </>
      )}
    </li>
  );
}

export function DecisionsPanel() {
  const doc = useEditor((s) => s.doc);
  const model = useDocumentModel(doc);
  const focus = useDecisionFocus();
  const [expanded, setExpanded] = useState<string | null>(focus.variable);
  const [showAnswered, setShowAnswered] = useState(false);
  useEffect(() => {
    if (focus.variable) setExpanded(focus.variable);
  }, [focus.variable, focus.seq]);
  const questions = model.questions;
  const answered = useMemo(() => model.sections.flatMap((s) => s.fields).filter((f) => f.state === 'decided'), [model]);
  const s = model.stats;
  return (
    <section className="decisions" role="region" aria-label="Decisions">
      <div className="subbar">
        <span className="subbar-status" aria-live="polite">
          {questions.length ? `${questions.length} open ${questions.length === 1 ? 'decision' : 'decisions'}` : 'No open decisions'} · {s.fact} fields stated from the design, {s.decided} decided, {s.unused} not used
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" aria-pressed={showAnswered} onClick={() => setShowAnswered(!showAnswered)}>
          {showAnswered ? 'Hide answered' : `Answered (${answered.length})`}
        </button>
      </div>
      <div className="decisions-body">
        {questions.length ? (
          <ul className="decision-list" aria-label="Open decisions">
            {questions.map((q) => (
              <QuestionCard key={q.variable} q={q} open={expanded === q.variable} focusSeq={expanded === focus.variable ? focus.seq : 0} onToggle={() => setExpanded(expanded === q.variable ? null : q.variable)} />
            ))}
          </ul>
        ) : (
          <div className="empty-state">Every field of the template is answered or not used by this design.</div>
        )}
        {showAnswered ? (
          <ul className="decision-list is-answered" aria-label="Answered decisions">
            {answered.length ? answered.map((f) => <AnsweredRow key={f.variable} f={f} />) : <li className="decision-answered">No field is decided in the requirements yet.</li>}
          </ul>
        ) : null}
      </div>
    </section>
  );
}

/**
 * Marks the open fields in the rendered document (a list item whose text starts "Not decided")
 * and makes each open its question: a click on the item, or its "Decide" button. Returns the
 * clean-up.
 */
export function markDecisions(article: HTMLElement | null): () => void {
  if (!article) return () => {};
  const sections = new Map(integrationTemplate().sections.map((s) => [s.title, new Map(s.fields.map((f) => [f.label, f.variable]))]));
  const added: HTMLElement[] = [];
  const handlers: Array<[HTMLElement, (e: Event) => void]> = [];
  let section: Map<string, string> | undefined;
  for (const el of Array.from(article.children)) {
    if (el.tagName === 'H2') {
      section = sections.get((el.textContent ?? '').trim());
      continue;
    }
    if (el.tagName !== 'UL' || !section) continue;
    for (const li of Array.from(el.children) as HTMLElement[]) {
      const label = li.querySelector(':scope > strong')?.textContent?.trim();
      const em = li.querySelector(':scope > em');
      const variable = label ? section.get(label) : undefined;
      if (!variable || !em || !(em.textContent ?? '').startsWith('Not decided')) continue;
      li.classList.add('is-undecided');
      li.title = 'Not decided: click to answer in the Decisions view';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'decide-button';
      button.textContent = 'Decide';
      button.setAttribute('aria-label', `Decide ${label}`);
      li.appendChild(button);
      added.push(button);
      const onClick = (e: Event) => {
        e.preventDefault();
        openDecision(variable);
      };
      li.addEventListener('click', onClick);
      handlers.push([li, onClick]);
    }
  }
  return () => {
    for (const b of added) b.remove();
    for (const [li, h] of handlers) {
      li.removeEventListener('click', h);
      li.classList.remove('is-undecided');
      li.removeAttribute('title');
    }
  };
}
