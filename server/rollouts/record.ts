import "server-only";
import type {
  HostStepState,
  Plan,
  Rollout,
  RolloutSpec,
  RolloutWave,
  WaveState,
} from "@/lib/schemas/rollout";
import type { HostExec, RolloutRecord } from "@/lib/schemas/rollout-record";
import { describeOp, hostOps } from "./host-ops";

export interface NewRollout {
  id: string;
  lattice: string;
  spec: RolloutSpec;
  plan: Plan;
  createdBy: string;
  revision: number;
  restores?: string;
  now: number;
}

/** A rollout as first written: nothing sent yet, every host's forward ops laid out. */
export function newRecord(n: NewRollout): RolloutRecord {
  const hosts: Record<string, HostExec> = {};
  for (const hp of n.plan.hosts) {
    const ops = hostOps(hp.changes, "forward", n.spec.gates.bakeSeconds);
    hosts[hp.hostId] = {
      hostId: hp.hostId,
      phase: "forward",
      ops,
      opIndex: 0,
      opStatus: "idle",
      outcome: ops.length === 0 ? "succeeded" : "none",
      touched: false,
    };
  }
  const at = new Date(n.now).toISOString();
  const approvalFirst = n.spec.strategy.approval === "every-wave" && n.plan.waves.length > 0;
  return {
    id: n.id,
    lattice: n.lattice,
    state: approvalFirst ? "awaiting-approval" : "running",
    planHash: n.plan.hash,
    spec: n.spec,
    createdAt: at,
    createdBy: n.createdBy,
    updatedAt: at,
    message: approvalFirst ? "wave 1 waits for approval" : undefined,
    revision: n.revision,
    restores: n.restores,
    exec: {
      hosts,
      waveIndex: 0,
      waveCheck: "idle",
      approved: [],
      driftAccepted: [],
      latticeIndex: 0,
      latticeStatus: "idle",
      latticeErrors: {},
      rollback: null,
    },
  };
}

function hostState(h: HostExec): HostStepState {
  const busy = h.opStatus === "running" || h.opIndex > 0;
  if (h.phase === "forward") {
    if (h.outcome === "succeeded") return "succeeded";
    if (h.outcome === "failed") return "failed";
    return busy ? "in-progress" : "pending";
  }
  if (h.outcome === "succeeded") return "rolled-back";
  if (h.outcome === "failed") return "failed";
  return "rolling-back";
}

function waveState(rec: RolloutRecord, index: number, hosts: HostExec[]): WaveState {
  const states = hosts.map(hostState);
  if (hosts.some((h) => h.phase === "rollback")) {
    if (states.includes("failed")) return "failed";
    return states.every((s) => s === "rolled-back" || s === "pending")
      ? "rolled-back"
      : "rolling-back";
  }
  if (states.includes("failed")) return "failed";
  if (states.every((s) => s === "succeeded")) return "succeeded";
  if (index === rec.exec.waveIndex && rec.state === "awaiting-approval") return "awaiting-approval";
  return states.some((s) => s !== "pending") ? "running" : "pending";
}

/** The API's view of a record (API.md `Rollout`). */
export function toApiRollout(rec: RolloutRecord, plan: Plan): Rollout {
  const waves: RolloutWave[] = plan.waves.map((ids, index) => {
    const hosts = ids.flatMap((id) => rec.exec.hosts[id] ?? []);
    return {
      state: waveState(rec, index, hosts),
      hosts: hosts.map((h) => {
        const op = h.ops[h.opIndex];
        const isActive = h.opStatus === "running" && op !== undefined;
        return {
          hostId: h.hostId,
          state: hostState(h),
          ...(isActive ? { step: describeOp(op), deadline: h.deadline } : {}),
          ...(h.error !== undefined ? { error: h.error } : {}),
        };
      }),
    };
  });
  const x = rec.exec;
  return {
    id: rec.id,
    lattice: rec.lattice,
    state: rec.state,
    planHash: rec.planHash,
    spec: rec.spec,
    createdAt: rec.createdAt,
    createdBy: rec.createdBy,
    updatedAt: rec.updatedAt,
    ...(rec.spec.reason !== undefined ? { reason: rec.spec.reason } : {}),
    ...(rec.message !== undefined ? { message: rec.message } : {}),
    waves,
    latticeSteps: plan.lattice.map((s, i) => {
      const restoreError = x.latticeErrors[`restore:${i}`];
      const error = restoreError ?? x.latticeErrors[String(i)];
      const restored = x.rollback !== null && i >= x.rollback.latticeLeft && i < x.latticeIndex;
      // A restore that failed is not rolled back, though the rollback went past it.
      const state: HostStepState =
        restoreError !== undefined
          ? "failed"
          : restored
            ? "rolled-back"
            : error !== undefined
              ? "failed"
              : i < x.latticeIndex
                ? "succeeded"
                : i === x.latticeIndex && x.latticeStatus === "running"
                  ? "in-progress"
                  : "pending";
      return { kind: s.kind, id: s.id, state, ...(error !== undefined ? { error } : {}) };
    }),
    revision: rec.revision,
    ...(rec.restores !== undefined ? { restores: rec.restores } : {}),
  };
}
