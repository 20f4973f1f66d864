/**
 * Small builders for validation tests: a design in a few lines. Labels default to the kind's
 * name, so messages read like "PostgreSQL can't consume from Kafka".
 */
import { getKind } from '../catalog';
import type { Diagnostic, Group, Protocol, Requirements, TopoEdge, TopoNode, Topology } from '../model/types';
import { emptyTopology } from '../model/types';

export function node(id: string, kind: string, props: Record<string, unknown> = {}, extra: Partial<TopoNode> = {}): TopoNode {
  return { id, kind, label: getKind(kind)?.name ?? id, props, ...extra };
}

export function edge(from: string, to: string, protocol?: Protocol | string, props: Record<string, unknown> = {}): TopoEdge {
  const e: TopoEdge = { from, to, props };
  if (protocol !== undefined) e.protocol = protocol as Protocol;
  return e;
}

export function design(parts: { nodes: TopoNode[]; edges?: TopoEdge[]; requirements?: Requirements; groups?: Group[] }): Topology {
  const d = emptyTopology('Test');
  d.nodes = parts.nodes;
  d.edges = parts.edges ?? [];
  d.requirements = parts.requirements ?? {};
  d.groups = parts.groups ?? [];
  return d;
}

export function withCode(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

export function codesOf(diags: Diagnostic[]): string[] {
  return [...new Set(diags.map((d) => d.code))].sort();
}
