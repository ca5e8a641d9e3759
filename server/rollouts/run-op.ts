import "server-only";
import type { LatticeEvent } from "@/lib/protocol";
import type { Host } from "@/lib/schemas/host";
import type { HostOp } from "@/lib/schemas/rollout-record";
import { latticeErrorCode, type GateOutcome, type HostGate } from "@/server/lattice";
import type { ShellDeps } from "./shell-deps";

type Op<K extends HostOp["op"]> = Extract<HostOp, { op: K }>;

interface OpContext {
  deps: ShellDeps;
  hostId: string;
  deadline: number;
  resume: boolean;
  signal: AbortSignal;
  log: (message: string, kind?: "request" | "gate" | "info") => void;
}

const component = (host: Host | undefined, id: string) => host?.components.find((c) => c.id === id);
const provider = (host: Host | undefined, id: string) => host?.providers.find((p) => p.id === id);
const isBuiltin = (ref: string) => ref.startsWith("wasmcloud+builtin://");

/** Thrown inside an op to end it with this reason as the host's error. */
class OpFailed extends Error {}

/**
 * Sends one request; a refusal or a vanished host fails the op, an ack timeout does not: the
 * outcome is unknown and the gate decides from events and inventory (protocol §10 "Slow acks").
 */
async function send(ctx: OpContext, what: string, request: () => Promise<{ message: string }>) {
  try {
    const ack = await request();
    ctx.log(`${what}: accepted${ack.message ? ` (${ack.message})` : ""}`, "request");
  } catch (err) {
    const code = latticeErrorCode(err);
    if (code === "ctl_timeout") {
      ctx.log(`${what}: no ack in time; outcome unknown, waiting for the gate`, "request");
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new OpFailed(`${what} refused: ${message}`);
  }
}

/**
 * Waits for the gate, then lets a fresh `host.get` confirm (protocol §10: after every deadline,
 * timeout or surprising event, the inventory decides).
 */
async function gate(
  ctx: OpContext,
  what: string,
  until: (host: Host | undefined) => boolean,
  extra: Pick<HostGate, "failOn" | "passOn"> = {},
): Promise<void> {
  const { observer } = ctx.deps;
  for (;;) {
    const outcome: GateOutcome = await observer.waitForHost({
      hostId: ctx.hostId,
      until,
      deadline: ctx.deadline,
      signal: ctx.signal,
      ...extra,
    });
    switch (outcome.kind) {
      case "aborted":
        throw new OpFailed("stopped");
      case "failed":
        throw new OpFailed(`${what}: ${outcome.reason}`);
      case "passed":
      case "deadline": {
        const host = await observer.refreshHost(ctx.hostId).catch(() => observer.host(ctx.hostId));
        if (until(host) || (outcome.kind === "passed" && extra.passOn !== undefined)) {
          ctx.log(`${what}: passed`, "gate");
          return;
        }
        if (outcome.kind === "deadline" || Date.now() >= ctx.deadline) {
          throw new OpFailed(`${what}: progress deadline passed; the host does not show it`);
        }
      }
    }
  }
}

const scaleFailed = (id: string) => (e: LatticeEvent) =>
  e.name === "component_scale_failed" && e.data.component_id === id
    ? `component_scale_failed: ${e.data.error}`
    : undefined;

async function update(ctx: OpContext, op: Op<"component-update">): Promise<void> {
  const done = (h: Host | undefined) => {
    const c = component(h, op.id);
    return c !== undefined && c.imageRef === op.imageRef && c.maxInstances > 0;
  };
  if (!ctx.resume && !done(ctx.deps.observer.host(ctx.hostId))) {
    await send(ctx, `update ${op.id} to ${op.imageRef}`, () =>
      ctx.deps.ctl.updateComponent({
        hostId: ctx.hostId,
        componentId: op.id,
        newComponentRef: op.imageRef,
        annotations: op.annotations,
      }),
    );
  }
  // A failed update is silent (protocol §7.2): only the deadline and the inventory tell.
  await gate(ctx, `${op.id} on ${op.imageRef}`, done);
}

async function scale(ctx: OpContext, op: Op<"component-scale">): Promise<void> {
  const done = (h: Host | undefined) => component(h, op.id)?.maxInstances === op.count;
  if (ctx.resume) return gate(ctx, `${op.id} ×${op.count}`, done, { failOn: scaleFailed(op.id) });
  const current = component(ctx.deps.observer.host(ctx.hostId), op.id);
  if (current?.maxInstances === op.count && op.config === null) return;
  await send(ctx, `scale ${op.id} to ${op.count}`, () =>
    ctx.deps.ctl.scaleComponent({
      hostId: ctx.hostId,
      componentId: op.id,
      // Scaling never changes the code (protocol §7.1): send the ref that runs, so the
      // inventory keeps telling the truth.
      componentRef: current?.imageRef ?? op.imageRef,
      count: op.count,
      annotations: op.annotations,
      config: op.config ?? [],
    }),
  );
  // A config-only rescale leaves the model as it was: its own event is the signal.
  await gate(ctx, `${op.id} ×${op.count}`, done, {
    failOn: scaleFailed(op.id),
    passOn: (e) =>
      e.name === "component_scaled" &&
      e.data.component_id === op.id &&
      e.data.max_instances === op.count,
  });
}

async function replace(ctx: OpContext, op: Op<"component-replace">): Promise<void> {
  const done = (h: Host | undefined) => {
    const c = component(h, op.id);
    return c !== undefined && c.imageRef === op.imageRef && c.maxInstances === op.count;
  };
  const target = `${op.id} on ${op.imageRef} ×${op.count}`;
  if (ctx.resume || done(ctx.deps.observer.host(ctx.hostId))) {
    return gate(ctx, target, done, { failOn: scaleFailed(op.id) });
  }
  const running = component(ctx.deps.observer.host(ctx.hostId), op.id);
  if (running) {
    await send(ctx, `scale ${op.id} to 0`, () =>
      ctx.deps.ctl.scaleComponent({
        hostId: ctx.hostId,
        componentId: op.id,
        componentRef: running.imageRef,
        count: 0,
        annotations: running.annotations,
        config: [],
      }),
    );
    // One operation at a time per host and workload (protocol §10): see it stop first.
    await gate(ctx, `${op.id} stopped`, (h) => component(h, op.id) === undefined, {
      failOn: scaleFailed(op.id),
    });
  }
  await send(ctx, `scale ${op.id} to ${op.count} on ${op.imageRef}`, () =>
    ctx.deps.ctl.scaleComponent({
      hostId: ctx.hostId,
      componentId: op.id,
      componentRef: op.imageRef,
      count: op.count,
      annotations: op.annotations,
      config: op.config ?? [],
    }),
  );
  await gate(ctx, target, done, { failOn: scaleFailed(op.id) });
}

async function restartProvider(ctx: OpContext, op: Op<"provider-replace">): Promise<void> {
  const done = (h: Host | undefined) => {
    const p = provider(h, op.id);
    // Built-in providers never report health (protocol §7.4): provider_started alone.
    return (
      p !== undefined &&
      p.imageRef === op.imageRef &&
      (isBuiltin(op.imageRef) || p.health === "healthy")
    );
  };
  const failOn = (e: LatticeEvent) => {
    if (e.name === "provider_start_failed" && e.data.provider_id === op.id) {
      return `provider_start_failed: ${e.data.error}`;
    }
    if (e.name === "health_check_failed" && e.data.provider_id === op.id) {
      return "health_check_failed";
    }
    return undefined;
  };
  const target = `provider ${op.id} on ${op.imageRef}, healthy`;
  if (ctx.resume || done(ctx.deps.observer.host(ctx.hostId))) {
    return gate(ctx, target, done, { failOn });
  }
  if (provider(ctx.deps.observer.host(ctx.hostId), op.id)) {
    // The stop replies only once the provider is stopped, and stalls the host meanwhile
    // (protocol §7.4, §10): its reply is the gate.
    await send(ctx, `stop provider ${op.id}`, () =>
      ctx.deps.ctl.stopProvider({ hostId: ctx.hostId, providerId: op.id }),
    );
    await gate(ctx, `provider ${op.id} stopped`, (h) => provider(h, op.id) === undefined);
  }
  // Never retried blindly: a second start while one is starting fails later (protocol §10).
  await send(ctx, `start provider ${op.id} on ${op.imageRef}`, () =>
    ctx.deps.ctl.startProvider({
      hostId: ctx.hostId,
      providerId: op.id,
      providerRef: op.imageRef,
      config: op.config ?? [],
      annotations: op.annotations,
    }),
  );
  await gate(ctx, target, done, { failOn });
}

/** Holds for the bake time; a failure event from the host's changed workloads fails it. */
async function bake(ctx: OpContext, op: Op<"bake">, ops: readonly HostOp[]): Promise<void> {
  const ids = new Set(ops.flatMap((o) => (o.op === "bake" ? [] : [o.id])));
  const outcome = await ctx.deps.observer.waitForHost({
    hostId: ctx.hostId,
    until: () => false,
    deadline: Date.now() + op.seconds * 1000,
    signal: ctx.signal,
    failOn: (e) => {
      if (e.name === "health_check_failed" && ids.has(e.data.provider_id)) {
        return `provider ${e.data.provider_id} turned unhealthy while baking`;
      }
      if (e.name === "component_scale_failed" && ids.has(e.data.component_id)) {
        return `component ${e.data.component_id} failed while baking`;
      }
      if (e.name === "provider_stopped" && ids.has(e.data.provider_id)) {
        return `provider ${e.data.provider_id} stopped while baking`;
      }
      return undefined;
    },
  });
  if (outcome.kind === "failed") throw new OpFailed(outcome.reason);
  if (outcome.kind === "aborted") throw new OpFailed("stopped");
  ctx.log(`baked ${op.seconds} s`, "gate");
}

/** Runs one op to its gate; resolves with the error that fails the host, or undefined. */
export async function runOp(
  ctx: OpContext,
  op: HostOp,
  hostOps: readonly HostOp[],
): Promise<string | undefined> {
  try {
    switch (op.op) {
      case "component-update":
        await update(ctx, op);
        break;
      case "component-scale":
        await scale(ctx, op);
        break;
      case "component-replace":
        await replace(ctx, op);
        break;
      case "provider-replace":
        await restartProvider(ctx, op);
        break;
      case "bake":
        await bake(ctx, op, hostOps);
        break;
    }
    return undefined;
  } catch (err) {
    if (err instanceof OpFailed) return err.message;
    return err instanceof Error ? err.message : String(err);
  }
}

export type { OpContext };
