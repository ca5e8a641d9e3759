import dagre, { type GraphLabel, type NodeLabel } from "@dagrejs/dagre";
import { compareNames } from "@/lib/host-view";
import { linkInterface, linkKey } from "@/lib/link-view";
import type { ApiLink } from "@/lib/schemas/lattice-data";
import type { Host } from "@/lib/schemas/host";
import { summarizeWorkloads, type VersionCount } from "@/lib/workload-summary";

/** A component or provider of the lattice, or a link end that runs nowhere. */
export interface TopologyNode {
  /** The workload id: ids are unique across components and providers of a lattice. */
  id: string;
  kind: "component" | "provider" | "missing";
  /** Versions seen, most hosts first, with how many hosts run each: the node's skew. */
  versions: VersionCount[];
  hosts: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TopologyEdge {
  /** The link's key (protocol §6.1). */
  id: string;
  source: string;
  target: string;
  /** `wasi:keyvalue/{store,atomics}`, with the link name when it is not `default`. */
  label: string;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 232;
const NODE_BASE_HEIGHT = 52;
const VERSION_LINE_HEIGHT = 18;

const nodeHeight = (versions: number) =>
  NODE_BASE_HEIGHT + Math.max(1, versions) * VERSION_LINE_HEIGHT;

/**
 * The lattice as a graph: every running component and provider is a node carrying its version
 * skew, every link an edge from its source to its target. A link end that runs on no host
 * still gets a node (kind `missing`), so a dangling link is visible rather than dropped.
 * Laid out left to right by dagre (callers first, callees after); pure, so it is testable.
 */
export function buildTopology(hosts: readonly Host[], links: readonly ApiLink[]): Topology {
  const nodes = new Map<string, Omit<TopologyNode, "x" | "y" | "width" | "height">>();
  for (const w of summarizeWorkloads([...hosts])) {
    if (nodes.has(w.id)) continue;
    nodes.set(w.id, { id: w.id, kind: w.kind, versions: w.versions, hosts: w.placements.length });
  }
  for (const l of links)
    for (const end of [l.sourceId, l.target])
      if (!nodes.has(end)) nodes.set(end, { id: end, kind: "missing", versions: [], hosts: 0 });

  const edges: TopologyEdge[] = [...links]
    .sort((a, b) => compareNames(linkKey(a), linkKey(b)))
    .map((l) => ({
      id: linkKey(l),
      source: l.sourceId,
      target: l.target,
      label: l.name === "default" ? linkInterface(l) : `${linkInterface(l)} (${l.name})`,
    }));

  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, object>({
    multigraph: true,
  });
  g.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 60, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const ordered = [...nodes.values()].sort(
    (a, b) => a.kind.localeCompare(b.kind) || compareNames(a.id, b.id),
  );
  for (const n of ordered)
    g.setNode(n.id, { width: NODE_WIDTH, height: nodeHeight(n.versions.length) });
  // Sized labels make dagre leave room for them between ranks (about 6.5 px a monospace char).
  for (const e of edges)
    g.setEdge(e.source, e.target, { width: e.label.length * 6.5, height: 14, labelpos: "c" }, e.id);
  dagre.layout(g);

  const graph = g.graph();
  const laidOut = ordered.map((n) => {
    const box = g.node(n.id);
    const height = nodeHeight(n.versions.length);
    // dagre gives centres; React Flow places nodes by their top-left corner.
    return {
      ...n,
      width: NODE_WIDTH,
      height,
      x: (box.x ?? 0) - NODE_WIDTH / 2,
      y: (box.y ?? 0) - height / 2,
    };
  });
  return {
    nodes: laidOut,
    edges,
    width: graph.width ?? 0,
    height: graph.height ?? 0,
  };
}
