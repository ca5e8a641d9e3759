import { ScaleComponentCommand, UpdateComponentCommand } from "@/lib/protocol";
import { z } from "zod";
import type { RunningComponent } from "./context";
import { decode, fail, ok, type CtlResult } from "./ctl";
import type { SimHost } from "./host";

type Scale = z.output<typeof ScaleComponentCommand>;
type Update = z.output<typeof UpdateComponentCommand>;

/** A body in the shape of the v1 docs example: `max_instances` and no `count` (§2.3). */
const LegacyScaleBody = z.object({ max_instances: z.number(), count: z.undefined() });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `component.scale.{hostId}` (protocol §2.3, §7.1): validate, ack, then run the scale task in
 * the background. The scale value is read only from `count` — a body with just
 * `max_instances` decodes to 0, a stop (§2.3 wire-name trap).
 */
export function scaleComponent(host: SimHost, body: Uint8Array): CtlResult {
  const cmd = decode(ScaleComponentCommand, body, "failed to deserialize component scale command");
  if (LegacyScaleBody.safeParse(JSON.parse(new TextDecoder().decode(body))).success) {
    host.ctx.log(
      `${host.friendlyName}: scale of ${cmd.component_id} has max_instances but no count: read as 0 (stop)`,
    );
  }
  const running = host.components.get(cmd.component_id);
  const isNewRef = running !== undefined && cmd.component_ref !== running.imageRef;
  let message = "";
  if (running && isNewRef) {
    message = cmd.allow_update
      ? `component ${cmd.component_id} is already running with a different image reference (${running.imageRef}), it will be updated to ${cmd.component_ref}`
      : `component ${cmd.component_id} is already running with a different image reference (${running.imageRef}), the image reference will not change (allow_update is false)`;
  }
  const task = async () => {
    await sleep(running ? host.ctx.timing.rescaleMs() : host.ctx.timing.componentTaskMs());
    if (!host.isLive) return;
    await runScale(host, cmd);
    // allow_update runs an update with no annotations after the scale (protocol §7.3).
    if (cmd.allow_update && isNewRef) {
      const update = { ...cmd, new_component_ref: cmd.component_ref, annotations: {} };
      const current = host.components.get(cmd.component_id);
      if (current && current.imageRef !== update.new_component_ref) await runUpdate(host, update);
    }
  };
  // 1.9 `handle_scale_component` fetches the image before it takes the component lock: a slow
  // fetch lets a later scale or update of the same id finish first (protocol §10).
  const fetchDelayMs = host.ctx.faults.fetchDelayMs(cmd.component_ref);
  if (fetchDelayMs > 0) host.later(fetchDelayMs, () => host.serial(task));
  else host.serial(task);
  return ok(message);
}

async function runScale(host: SimHost, cmd: Scale): Promise<void> {
  const { component_id: id, component_ref: ref, count } = cmd;
  const running = host.components.get(id);
  const requested = {
    host_id: cmd.host_id,
    component_id: id,
    image_ref: ref,
    max_instances: count,
    annotations: cmd.annotations,
  };
  const failed = (error: string) => host.emit("component_scale_failed", { ...requested, error });
  if (!running) {
    // Bytes are needed only when the id is not running yet (protocol §7.1).
    const fetchError = fetchFailure(host, ref);
    if (fetchError) return failed(fetchError);
    if (count === 0) return host.emit("component_scaled", requested);
    const missing = await host.ctx.store.missingConfigs(cmd.config);
    if (missing.length > 0)
      return failed(missing.map((n) => `Config ${n} does not exist`).join(": "));
    await host.ctx.store.recordImage(id, ref, host.ctx.faults.lossyWriteWindowMs(id));
    if (!host.isLive) return;
    const component: RunningComponent = {
      id,
      imageRef: ref,
      annotations: cmd.annotations,
      maxInstances: count,
      config: cmd.config,
      limits: cmd.component_limits ?? null,
    };
    // Fresh start: the first event carries the real host key, the second the request's.
    host.emit("component_scaled", { ...requested, host_id: host.id });
    host.components.set(id, component);
    host.emit("component_scaled", requested);
    return;
  }
  const previous = { image_ref: running.imageRef, annotations: running.annotations };
  if (count === 0) {
    host.components.delete(id);
    return host.emit("component_scaled", { ...requested, ...previous });
  }
  const configChanged = cmd.config.join("\u0000") !== running.config.join("\u0000");
  if (count !== running.maxInstances || configChanged) {
    const missing = await host.ctx.store.missingConfigs(cmd.config);
    if (missing.length > 0)
      return failed(missing.map((n) => `Config ${n} does not exist`).join(": "));
    // Re-instantiated from the already loaded bytes: the inventory shows the requested ref
    // string even though the old code keeps running (protocol §7.1).
    host.components.set(id, {
      ...running,
      imageRef: ref || running.imageRef,
      annotations: cmd.annotations,
      maxInstances: count,
      config: cmd.config,
      limits: cmd.component_limits ?? null,
    });
  }
  host.emit("component_scaled", { ...requested, ...previous });
}

function fetchFailure(host: SimHost, ref: string): string | undefined {
  if (ref === "") return "failed to fetch component: empty image reference";
  const injected = host.ctx.faults.imageError(ref);
  return injected === undefined ? undefined : `failed to fetch component ${ref}: ${injected}`;
}

/**
 * `component.update.{hostId}` (protocol §2.4, §7.2): per-host hot swap. Failure is silent:
 * the ack already said success, no event follows and the old ref stays in the inventory.
 */
export function updateComponent(host: SimHost, body: Uint8Array): CtlResult {
  const cmd = decode(
    UpdateComponentCommand,
    body,
    "failed to deserialize component update command",
  );
  const id = cmd.component_id;
  const running = host.components.get(id);
  if (!running) return fail(`component ${id} not found`);
  if (running.imageRef === cmd.new_component_ref) {
    return ok(`component ${id} already updated to ${cmd.new_component_ref}`);
  }
  if (!host.ctx.faults.isUpdateHanging(cmd.new_component_ref)) {
    host.serial(async () => {
      await sleep(host.ctx.timing.componentTaskMs());
      if (host.isLive) await runUpdate(host, cmd);
    });
  }
  return ok(`component ${id} updating from ${running.imageRef} to ${cmd.new_component_ref}`);
}

async function runUpdate(host: SimHost, cmd: Update): Promise<void> {
  const id = cmd.component_id;
  const ref = cmd.new_component_ref;
  const injected = host.ctx.faults.imageError(ref);
  if (injected !== undefined || ref === "") {
    host.ctx.log(
      `${host.friendlyName}: update of ${id} to ${ref} failed: ${injected ?? "empty ref"}`,
    );
    return;
  }
  const current = host.components.get(id);
  if (!current) return;
  await host.ctx.store.recordImage(id, ref, host.ctx.faults.lossyWriteWindowMs(id));
  if (!host.isLive) return;
  // Annotations are replaced by the request's, not merged (protocol §7.2).
  const event = {
    host_id: cmd.host_id,
    component_id: id,
    image_ref: ref,
    annotations: cmd.annotations,
  };
  host.emit("component_scaled", { ...event, max_instances: current.maxInstances });
  host.emit("component_scaled", { ...event, max_instances: 0 });
  host.components.set(id, { ...current, imageRef: ref, annotations: cmd.annotations });
}
