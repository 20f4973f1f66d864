import type { KindDef } from '../catalog';
import { getKind, KINDS } from '../catalog';
import { isValidId } from '../model/ids';
import type { TopoNode } from '../model/types';
import { MAX_ID_LENGTH } from '../model/types';
import type { LocalDiag } from './context';
import { displayName, fewText, shown } from './format';
import { checkProps } from './props';

/**
 * Rules that look at one component alone: its id, kind and settings. Their results depend on
 * nothing else, so the incremental validator keeps them while the node is unchanged.
 */
const NO_DIAGS: LocalDiag[] = Object.freeze([]) as unknown as LocalDiag[];

export function nodeLocal(node: TopoNode, known?: { kind: KindDef | undefined; name: string }): LocalDiag[] {
  let out: LocalDiag[] = NO_DIAGS;
  const id = typeof node.id === 'string' ? node.id : String(node.id);
  const name = known ? known.name : displayName(node, id);

  if (!isValidId(id)) {
    out = [];
    out.push({
      code: 'TF207',
      message: `${name} has the id ${shown(id)}, which is not a valid id`,
      hint: `Ids are lower-case letters, digits and dashes, start with a letter and have at most ${MAX_ID_LENGTH} characters (they become compose service names), e.g. "orders-api".`,
      nodes: [id],
      rel: 'id',
    });
  }

  const kind = known ? known.kind : getKind(node.kind);
  if (!kind) {
    const near = nearestKinds(String(node.kind));
    if (out === NO_DIAGS) out = [];
    out.push({
      code: 'TF201',
      message: `${name} is of kind ${shown(node.kind)}, which Topoforge doesn't know`,
      hint: near.length
        ? `Did you mean ${fewText(near.map((k) => `"${k}"`))}? Pick a kind from the palette; its id goes in kind.`
        : 'Pick a kind from the palette (e.g. rest-service, kafka, postgres); its id goes in kind.',
      nodes: [id],
      rel: 'kind',
    });
    return out;
  }

  const { problems, unknown } = checkProps(kind.props, node.props);
  if (out.length === 0 && problems.length === 0 && unknown.length === 0 && !kind.external) return NO_DIAGS;
  if (out === NO_DIAGS) out = [];
  for (const p of problems) {
    out.push({ code: 'TF202', message: `${name}: ${p.problem}`, hint: p.hint, nodes: [id], rel: p.rel });
  }
  for (const key of unknown) {
    out.push({
      code: 'TF902',
      message: `${name} has a setting ${shown(key)} that ${kind.name} doesn't have; it is kept but not used`,
      hint: `Check the spelling against the inspector's settings for ${kind.name}, or leave it if another tool reads it.`,
      nodes: [id],
      rel: `props.${key}`,
    });
  }

  if (kind.external) {
    out.push({
      code: 'TF903',
      message: `${name} is external: it is drawn and documented but gets no container in the starter stack`,
      hint: 'Nothing to fix. The README of the generated bundle lists it under what stays external; point the services at its real address in .env.',
      nodes: [id],
      rel: '',
    });
  }
  return out;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Catalog ids close to a mistyped kind, best first. */
function nearestKinds(kind: string): string[] {
  const k = kind.toLowerCase().trim().slice(0, 64);
  if (!k) return [];
  const scored = KINDS.map((d) => {
    const words = [d.id, d.name.toLowerCase(), ...(d.keywords ?? [])];
    const best = Math.min(...words.map((w) => (w === k ? 0 : w.includes(k) || k.includes(w) ? 1 : distance(k, w))));
    return { id: d.id, best };
  })
    .filter((s) => s.best <= Math.max(2, Math.floor(k.length / 3)))
    .sort((a, b) => a.best - b.best || (a.id < b.id ? -1 : 1));
  return scored.slice(0, 3).map((s) => s.id);
}
