"use client";

import "@xyflow/react/dist/base.css";
import {
  Background,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from "@xyflow/react";
import { useMemo } from "react";
import { plural } from "@/lib/format";
import type { Topology, TopologyNode } from "@/lib/topology";
import { StatusBadge } from "./status-badge";
import { WorkloadKindIcon } from "./workload-kind-icon";

type WorkloadNode = Node<{ node: TopologyNode }, "workload">;

const KIND_TEXT: Record<TopologyNode["kind"], string> = {
  component: "component",
  provider: "provider",
  missing: "not running",
};

/** What a node says out loud: its id, kind and version skew. */
export function nodeSummary(n: TopologyNode): string {
  if (n.kind === "missing") return `${n.id}, linked but running on no host`;
  const versions = n.versions.map((v) => `${v.version} on ${plural(v.hosts, "host")}`).join(", ");
  return `${KIND_TEXT[n.kind]} ${n.id}: ${versions}`;
}

function WorkloadCard({ data: { node } }: NodeProps<WorkloadNode>) {
  const isSkewed = node.versions.length > 1;
  return (
    <div
      className={`bg-panel h-full rounded-md border px-3 py-2 text-xs shadow-sm ${
        node.kind === "missing" ? "border-failed/50 border-dashed" : "border-border"
      }`}
    >
      <Handle type="target" position={Position.Left} className="bg-muted! size-1.5! border-0!" />
      <div className="flex items-center gap-1.5">
        <WorkloadKindIcon kind={node.kind} />
        <span className="truncate font-mono text-sm font-medium">{node.id}</span>
        {isSkewed && <StatusBadge tone="warning">skew</StatusBadge>}
      </div>
      <div className="text-muted mt-0.5">
        {KIND_TEXT[node.kind]}
        {node.kind !== "missing" && ` · ${plural(node.hosts, "host")}`}
      </div>
      {node.kind === "missing" ? (
        <div className="text-failed mt-1">linked, but runs on no host</div>
      ) : (
        <ul className="mt-1 space-y-0.5" aria-label={`Versions of ${node.id}`}>
          {node.versions.map((v) => (
            <li key={v.version} className="flex justify-between gap-2 font-mono">
              <span className="truncate">{v.version}</span>
              <span className="text-muted shrink-0 tabular-nums">× {v.hosts}</span>
            </li>
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Right} className="bg-muted! size-1.5! border-0!" />
    </div>
  );
}

const NODE_TYPES = { workload: WorkloadCard };

/**
 * The lattice drawn as a graph, positions from `buildTopology` (dagre). Read-only: panning and
 * zooming work, nothing can be dragged or connected.
 */
export function TopologyGraph({ topology }: { topology: Topology }) {
  const nodes = useMemo<WorkloadNode[]>(
    () =>
      topology.nodes.map((n) => ({
        id: n.id,
        type: "workload",
        position: { x: n.x, y: n.y },
        width: n.width,
        height: n.height,
        data: { node: n },
        ariaLabel: nodeSummary(n),
        draggable: false,
        connectable: false,
      })),
    [topology],
  );
  const edges = useMemo<Edge[]>(
    () =>
      topology.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.label,
        ariaLabel: `link ${e.source} to ${e.target}, ${e.label}`,
        markerEnd: { type: MarkerType.ArrowClosed, color: "var(--color-muted)" },
        style: { stroke: "var(--color-muted)", strokeWidth: 1.25 },
        labelStyle: { fill: "var(--color-ink)", fontSize: 11, fontFamily: "var(--font-mono)" },
        labelBgStyle: { fill: "var(--color-surface)" },
        labelBgPadding: [4, 2],
      })),
    [topology],
  );
  // Tall enough for the laid-out graph, within one screen.
  const height = Math.min(Math.max(topology.height + 40, 320), 720);
  return (
    <div
      className="border-border bg-surface rounded-md border"
      style={{ height }}
      role="figure"
      aria-label="Topology graph"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.08 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={24} color="var(--color-border)" />
        <Controls showInteractive={false} position="bottom-right" />
      </ReactFlow>
    </div>
  );
}
