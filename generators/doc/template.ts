import { TEMPLATE_SOURCE } from './template-source';

/**
 * The structure of the Integration Patterns template, read from its own text: the sections and
 * fields under "Template Structure", the "Prompt Template" paragraph and the "Variables" table.
 */

export interface TemplateField {
  /** As written in the template, e.g. "Integration Name". */
  label: string;
  /** e.g. "INTEGRATION_NAME". */
  variable: string;
}

export interface TemplateSection {
  title: string;
  fields: TemplateField[];
}

export interface VariableInfo {
  description: string;
  /** The template's example values, unquoted. */
  examples: string[];
}

export interface Template {
  /** The front matter's `title`, e.g. "Integration Patterns Template". */
  title: string;
  /** The "Purpose" paragraph. */
  purpose: string;
  sections: TemplateSection[];
  /** The "Prompt Template" text, `[VARIABLE]`s and all. */
  prompt: string;
  variables: Map<string, VariableInfo>;
}

/** `## Heading` blocks of a Markdown text (outside code fences), by heading. */
function h2Blocks(lines: readonly string[]): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  let fenced = false;
  for (const line of lines) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^## (.+)$/.exec(line);
    if (m) {
      current = [];
      if (!blocks.has(m[1]!.trim())) blocks.set(m[1]!.trim(), current);
      continue;
    }
    current?.push(line);
  }
  return blocks;
}

export function parseTemplate(source: string): Template {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const blocks = h2Blocks(lines);
  const need = (name: string): string[] => {
    const b = blocks.get(name);
    if (!b) throw new Error(`The template has no "## ${name}" section.`);
    return b;
  };

  const title = /^title: (.+)$/m.exec(source)?.[1]?.trim() ?? 'Integration Patterns Template';
  const purpose = need('Purpose').join('\n').trim();

  const sections: TemplateSection[] = [];
  for (const line of need('Template Structure')) {
    const h = /^### (.+)$/.exec(line);
    if (h) {
      sections.push({ title: h[1]!.trim(), fields: [] });
      continue;
    }
    const f = /^- \*\*(.+?)\*\*: \[([A-Z0-9_]+)\]\s*$/.exec(line);
    if (f && sections.length) sections[sections.length - 1]!.fields.push({ label: f[1]!, variable: f[2]! });
  }

  const prompt = need('Prompt Template').join('\n').trim();

  const variables = new Map<string, VariableInfo>();
  for (const line of need('Variables')) {
    const row = /^\| `\[([A-Z0-9_]+)\]` \| (.*?) \| (.*?) \|\s*$/.exec(line);
    if (!row) continue;
    const examples = [...row[3]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    variables.set(row[1]!, { description: row[2]!.trim(), examples });
  }
  return { title, purpose, sections, prompt, variables };
}

let cached: Template | undefined;
/** The template shipped with Topoforge (assets/template/integration-patterns.md). */
export function integrationTemplate(): Template {
  return (cached ??= parseTemplate(TEMPLATE_SOURCE));
}

/** Every `[VARIABLE]` a text mentions, in order of first appearance. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\[([A-Z][A-Z0-9_]*)\]/g)].map((m) => m[1]!))];
}
