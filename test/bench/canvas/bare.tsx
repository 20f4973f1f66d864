/**
 * The baseline of the canvas benchmark: React Flow with its defaults (default nodes and edges,
 * uncontrolled, no culling, no background, minimap or controls) rendering the same graph as the
 * app, in a box the size of the app's canvas. `graph.json` sits next to the page; `?w=&h=` set
 * the box. Built with Vite into a temporary folder by canvas-bench.ts.
 */
import '@xyflow/react/dist/style.css';
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

interface Graph {
  nodes: Node[];
  edges: Edge[];
}

const FIT = { padding: 0.15, maxZoom: 1.1 };

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const w = Number(q.get('w')) || 1200;
  const h = Number(q.get('h')) || 800;
  const graph = (await (await fetch(`./${q.get('graph') ?? 'graph.json'}`)).json()) as Graph;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <div style={{ width: w, height: h }}>
        <ReactFlow defaultNodes={graph.nodes} defaultEdges={graph.edges} fitView fitViewOptions={FIT} minZoom={0.1} maxZoom={2.5} />
      </div>
    </StrictMode>,
  );
}

void main();
