import type { Diagnostic, Topology } from '../../shared/model/types';
import { redactText } from '../../shared/validation/rules/secrets';
import type { ResolvedDesign } from '../../shared/resolve';
import { isResolved, outputModel } from '../output-model';
import { generateMermaid } from '../mermaid';
import type { Answer, Claim } from './answer';
import { appendix } from './appendix';
import { designChecks } from './checks';
import { Ctx } from './context';
import type { Question } from './decisions';
import { questionFor, requirementKey } from './decisions';
import { andList, code, md } from './markdown';
import { promptParagraph } from './prompt';
import { SECTIONS } from './sections';
import { integrationTemplate } from './template';

export { integrationTemplate } from './template';
export type { Question } from './decisions';
export { inputOf, requirementKey } from './decisions';
export { formatUndecided } from './undecided';
export type { Claim } from './answer';

/** How a field stands: stated from the design, decided in its requirements, not used by it, or open. */
export type FieldState = 'fact' | 'decided' | 'unused' | 'open';

export interface FieldModel {
  readonly variable: string;
  readonly label: string;
  readonly section: string;
  readonly state: FieldState;
  /** The field's line in INTEGRATION.md (inline Markdown). */
  readonly text: string;
  /** Its phrase in the Prompt Template paragraph; undefined for open and unused fields. */
  readonly short?: string;
  readonly claims: readonly Claim[];
  /** For an open field: the question the app and `topoforge doc --undecided` ask. */
  readonly question?: Question;
}

export interface SectionModel {
  readonly title: string;
  /** Why the design does not use this section, when it does not. */
  readonly unused?: string;
  readonly fields: readonly FieldModel[];
}

export interface DocumentModel {
  readonly sections: readonly SectionModel[];
  readonly fields: ReadonlyMap<string, FieldModel>;
  /** Every checkable statement the document makes about the generated stack. */
  readonly claims: readonly Claim[];
  /** Open fields, in template order. */
  readonly questions: readonly Question[];
  readonly stats: DocStats;
}

export interface DocStats {
  readonly total: number;
  readonly fact: number;
  readonly decided: number;
  readonly unused: number;
  readonly open: number;
}

/** A decision written into the requirements under the field's key, as inline Markdown. */
function decisionOf(doc: Topology, variable: string): string | undefined {
  const v = (doc.requirements ?? {})[requirementKey(variable)];
  if (typeof v === 'string' && v.trim()) return md(v, 500);
  if (typeof v === 'number' && Number.isFinite(v)) return md(String(v));
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) {
    const items = v.filter((x) => (typeof x === 'string' && x.trim()) || typeof x === 'number').map((x) => md(String(x), 200));
    if (items.length) return andList(items, 20);
  }
  return undefined;
}

function openText(q: Question): string {
  const choices = q.choices.length ? ` Options from the template: ${andList(q.choices.map((x) => md(x, 80)), 8)}.` : '';
  const suggested = q.suggestion ? ` Suggested: **${md(q.suggestion.value, 80)}${q.unit ? ` ${q.unit}` : ''}** (${q.suggestion.because.replace(/\.$/, '')}).` : '';
  return `_Not decided: ${q.reason}._${choices}${suggested}`;
}

/** The fields of one section, answered from the context. */
function sectionModel(ctx: Ctx, title: string, fields: readonly { label: string; variable: string }[]): SectionModel {
  const section = SECTIONS.get(title);
  const unusedWhy = section?.unused?.(ctx);
  const out: FieldModel[] = [];
  for (const f of fields) {
    const decided = section?.ownKeys?.includes(f.variable) ? undefined : decisionOf(ctx.doc, f.variable);
    const base = { variable: f.variable, label: f.label, section: title };
    if (unusedWhy !== undefined) {
      out.push(decided ? { ...base, state: 'decided', text: `${decided} _(decided)_`, short: decided, claims: [] } : { ...base, state: 'unused', text: `not used by this design: ${unusedWhy}`, claims: [] });
      continue;
    }
    const resolver = section?.fields[f.variable];
    const a: Answer = resolver ? resolver(ctx) : { kind: 'open', reason: 'Topoforge has no rule for this field', claims: [] };
    if (a.kind === 'fact') {
      out.push(decided ? { ...base, state: 'decided', text: `${decided} _(decided)_. In the drawing: ${a.text}`, short: decided, claims: a.claims } : { ...base, state: 'fact', text: a.text, ...(a.short === '' ? {} : { short: a.short ?? a.text }), claims: a.claims });
    } else if (a.kind === 'unused') {
      out.push(decided ? { ...base, state: 'decided', text: `${decided} _(decided)_`, short: decided, claims: [] } : { ...base, state: 'unused', text: `not used by this design: ${a.why}`, claims: [] });
    } else if (decided) {
      out.push({ ...base, state: 'decided', text: `${decided} _(decided)_${a.claims.length || a.reason.includes('`') ? `. In the drawing: ${a.reason}` : ''}`, short: decided, claims: a.claims });
    } else {
      const question = questionFor(f.variable, title, f.label, a.reason, a.suggest);
      out.push({ ...base, state: 'open', text: openText(question), claims: a.claims, question });
    }
  }
  return { title, ...(unusedWhy !== undefined ? { unused: unusedWhy } : {}), fields: out };
}

/** What the document says about a design, field by field, with its claims and its open questions. */
export function buildDocument(design: Topology, diagnostics: readonly Diagnostic[] = []): DocumentModel {
  return modelOf(new Ctx(design, diagnostics));
}

function modelOf(ctx: Ctx): DocumentModel {
  const t = integrationTemplate();
  const sections = t.sections.map((s) => sectionModel(ctx, s.title, s.fields));
  const fields = new Map<string, FieldModel>();
  for (const s of sections) for (const f of s.fields) if (!fields.has(f.variable)) fields.set(f.variable, f);
  const all = sections.flatMap((s) => s.fields);
  const count = (st: FieldState) => all.filter((f) => f.state === st).length;
  return {
    sections,
    fields,
    claims: all.flatMap((f) => f.claims),
    questions: all.filter((f) => f.question).map((f) => f.question!),
    stats: { total: all.length, fact: count('fact'), decided: count('decided'), unused: count('unused'), open: count('open') },
  };
}

/** The open fields of a design: what `topoforge doc --undecided` lists and the app's Decisions view asks. */
export function undecided(design: Topology): readonly Question[] {
  return buildDocument(design).questions;
}

/** For tests, the CLI and the acceptance count: how the template's fields stand for a design. */
export function fieldStats(design: Topology): DocStats {
  return buildDocument(design).stats;
}

const SEVERITY_WORD: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

function withoutKeys(d: Diagnostic): Diagnostic {
  const message = redactText(d.message);
  const hint = redactText(d.hint);
  return message === d.message && hint === d.hint ? d : { ...d, message, hint };
}

/** INTEGRATION.md and what it claims, in one pass (the consistency test reads both). */
export function integrationDocument(design: Topology | ResolvedDesign, diagnostics?: Diagnostic[]): { markdown: string; model: DocumentModel; claims: readonly Claim[] } {
  // Credentials typed into the design are written as ${VARIABLE} references (TF509), and no
  // finding quotes a key that sits in a label.
  // (Given an output model, the caller passes the checks of the design as drawn: the model's is redacted.)
  const output = outputModel(design);
  const doc = output.doc;
  const checks = (diagnostics ?? designChecks(isResolved(design) ? design.doc : design)).map(withoutKeys);
  const ctx = new Ctx(doc, checks, output);
  const model = modelOf(ctx);
  const s = model.stats;
  const out: string[] = [];

  out.push(`# ${md(doc.name || 'Untitled design', 200)} — Integration Patterns`, '');
  if (doc.description?.trim()) out.push(md(doc.description, 2000), '');
  out.push(
    `_Generated by Topoforge from the design: ${ctx.r.components.length} components, ${ctx.r.flows.length} connections, ${ctx.r.zones.length} zones. ` +
      `Of the template’s ${s.total} fields, ${s.fact} are stated from the design and the starter stack generated with it, ${s.decided} are decisions recorded in its requirements, ` +
      `${s.unused} belong to what this design does not use, and ${s.open} are open: each says why and what the template offers._`,
    '',
    `> An open field is decided in the app’s Decisions view, or by writing its key into the design file’s \`requirements\` (the field’s variable in camelCase: \`jobScheduling: Apache Airflow\` fills **Job Scheduling**). \`topoforge doc --undecided\` lists them.`,
    '',
  );

  out.push('## Diagram', '', '```mermaid', generateMermaid(output).trimEnd(), '```', '');

  for (const sec of model.sections) {
    out.push(`## ${sec.title}`, '');
    if (sec.unused !== undefined) {
      out.push(`Not used by this design: ${sec.unused}.`);
      const decided = sec.fields.filter((f) => f.state === 'decided');
      if (decided.length) out.push('', ...decided.map((f) => `- **${f.label}**: ${f.text}`));
      out.push('');
      continue;
    }
    for (const f of sec.fields) out.push(`- **${f.label}**: ${f.text}`);
    out.push('');
  }

  out.push('## Prompt Template', '', promptParagraph(ctx, model), '');

  const app = appendix(ctx);
  out.push(app.markdown);

  out.push('## Design checks', '');
  if (!checks.length) out.push('No findings: validation found nothing to fix.');
  else {
    for (const d of checks) {
      const where = [...d.nodes.map(code), ...d.edges.map(code)].join(', ');
      out.push(`- **${SEVERITY_WORD[d.severity] ?? md(d.severity)}** ${/^[A-Z]{1,8}[0-9]{1,6}$/.test(d.code) ? '`' + d.code + '`' : md(d.code)}: ${md(d.message, 500)}${where ? ` (${where})` : ''}${d.hint ? ` — ${md(d.hint, 500)}` : ''}`);
    }
  }
  out.push('');
  const markdown = out.join('\n').replace(/\n{3,}/g, '\n\n');
  return { markdown, model, claims: [...model.claims, ...app.claims] };
}

/**
 * INTEGRATION.md: the Integration Patterns template with every section filled from the resolved
 * model of the design (or marked open, with the template's options), the Prompt Template as one
 * paragraph of decided facts, the diagram, tables of the starter stack and the design checks.
 */
export function generateIntegrationDoc(design: Topology | ResolvedDesign, diagnostics?: Diagnostic[]): string {
  return integrationDocument(design, diagnostics).markdown;
}
