import { StartProviderCommand, StopProviderCommand } from "@/lib/protocol";
import type { z } from "zod";
import type { RunningProvider } from "./context";
import { decode, fail, ok, type CtlResult } from "./ctl";
import type { SimHost } from "./host";

type Start = z.output<typeof StartProviderCommand>;

const BUILTIN = "wasmcloud+builtin://";
/**
 * Built-ins the simulated hosts run: as if started with the experimental `builtin-http-server`
 * and `builtin-messaging-nats` features. Any other built-in (e.g. http-client) is acked and
 * then fails with `provider_start_failed` (protocol §2.5).
 */
const ENABLED_BUILTINS = new Set(["http-server", "messaging-nats"]);

function isFeatureGated(ref: string): boolean {
  return ref.startsWith(BUILTIN) && ENABLED_BUILTINS.has(ref.slice(BUILTIN.length));
}

/**
 * `provider.start.{hostId}` (protocol §2.5, §7.4): ack now, `provider_started` later. A start
 * arriving during a stop of the same id waits for the stop, then proceeds. The ack refuses
 * only a provider already *running*; a start arriving while another start of the same id is
 * in flight is acked and fails in its task (protocol §9, §10 "Never blindly retry").
 */
export async function startProvider(host: SimHost, body: Uint8Array): Promise<CtlResult> {
  const cmd = decode(StartProviderCommand, body, "failed to deserialize provider start command");
  const id = cmd.provider_id;
  // Without the experimental feature, these built-ins get no reply at all (protocol §2.5).
  if (host.features.builtinProviders === false && isFeatureGated(cmd.provider_ref)) {
    return "no-reply";
  }
  await host.stoppingProviders.get(id);
  if (host.providers.has(id)) return fail("provider with that ID is already running");
  const task = startTask(host, cmd, host.startingProviders.get(id));
  host.startingProviders.set(id, task);
  void task.then(() => {
    if (host.startingProviders.get(id) === task) host.startingProviders.delete(id);
  });
  return ok("successfully started provider");
}

/**
 * The background start. Behind an earlier start of the same id it waits for that one (the
 * 1.9 task takes the provider-table write lock), then finds the id taken and fails with the
 * task's own text, or starts normally if the earlier start failed. Never settles when the
 * host halts first, like a task of a dead process.
 */
function startTask(host: SimHost, cmd: Start, earlier: Promise<void> | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const start = () =>
      host.later(host.ctx.timing.providerStartMs(), () => runStart(host, cmd).finally(resolve));
    if (earlier === undefined) return start();
    void earlier.then(() => {
      if (!host.isLive) return;
      if (!host.providers.has(cmd.provider_id)) return start();
      startFailed(host, cmd, "provider is already running with that ID");
      resolve();
    });
  });
}

function startFailed(host: SimHost, cmd: Start, error: string): void {
  host.emit("provider_start_failed", {
    provider_ref: cmd.provider_ref,
    provider_id: cmd.provider_id,
    host_id: cmd.host_id,
    error,
    link_name: "default",
  });
}

async function runStart(host: SimHost, cmd: Start): Promise<void> {
  const id = cmd.provider_id;
  const failed = (error: string) => startFailed(host, cmd, error);
  const isBuiltin = cmd.provider_ref.startsWith(BUILTIN);
  if (isBuiltin && !ENABLED_BUILTINS.has(cmd.provider_ref.slice(BUILTIN.length))) {
    return failed(`builtin provider ${cmd.provider_ref} is not enabled on this host`);
  }
  if (cmd.provider_ref === "") return failed("failed to fetch provider: empty image reference");
  const injected = host.ctx.faults.imageError(cmd.provider_ref);
  if (injected !== undefined)
    return failed(`failed to fetch provider ${cmd.provider_ref}: ${injected}`);
  const missing = await host.ctx.store.missingConfigs(cmd.config);
  if (missing.length > 0) {
    const text = missing.map((n) => `Configuration ${n} not found in config store. `).join("");
    return failed(`Failed to validate configuration and secrets. ${text}`);
  }
  await host.ctx.store.recordImage(id, cmd.provider_ref, host.ctx.faults.lossyWriteWindowMs(id));
  if (!host.isLive) return;
  const provider: RunningProvider = {
    id,
    imageRef: cmd.provider_ref,
    annotations: cmd.annotations,
    config: cmd.config,
    isBuiltin,
    health: "unknown",
  };
  host.providers.set(id, provider);
  // Unsigned provider: no claims, instance_id, public_key or link_name (protocol §9).
  host.emit("provider_started", {
    host_id: cmd.host_id,
    provider_id: id,
    image_ref: cmd.provider_ref,
    annotations: cmd.annotations,
  });
  if (!isBuiltin) scheduleHealthCheck(host, provider, host.ctx.timing.healthFirstMs);
}

/**
 * Health transitions (protocol §3.2): `passed` when healthy and not healthy before (incl. the
 * first check), `failed` when unhealthy after healthy, `status` otherwise.
 */
function scheduleHealthCheck(host: SimHost, provider: RunningProvider, delayMs: number): void {
  provider.healthTimer = setTimeout(() => {
    if (!host.isLive || host.providers.get(provider.id) !== provider) return;
    const answer = host.ctx.faults.providerHealth(host.id, provider.id);
    if (answer === "silent") {
      scheduleHealthCheck(host, provider, host.ctx.timing.healthIntervalMs);
      return;
    }
    const isHealthy = answer === "healthy";
    const data = { host_id: host.id, provider_id: provider.id };
    if (isHealthy && provider.health !== "healthy") host.emit("health_check_passed", data);
    else if (!isHealthy && provider.health === "healthy") host.emit("health_check_failed", data);
    else host.emit("health_check_status", data);
    provider.health = isHealthy ? "healthy" : "unhealthy";
    scheduleHealthCheck(host, provider, host.ctx.timing.healthIntervalMs);
  }, delayMs);
}

/**
 * `provider.stop.{hostId}`: replies only after the shutdown delay, and publishes
 * `provider_stopped` before the reply (protocol §1.4, §3.3).
 */
export async function stopProvider(host: SimHost, body: Uint8Array): Promise<CtlResult> {
  const cmd = decode(StopProviderCommand, body, "failed to deserialize provider stop command");
  const provider = host.providers.get(cmd.provider_id);
  if (!provider) return fail("provider with that ID is not running");
  if (host.stoppingProviders.has(provider.id)) {
    await host.stoppingProviders.get(provider.id);
    return fail("provider with that ID is not running");
  }
  clearTimeout(provider.healthTimer);
  const stopped = new Promise<void>((resolve) =>
    setTimeout(resolve, host.ctx.timing.providerStopMs()),
  );
  host.stoppingProviders.set(provider.id, stopped);
  await stopped;
  host.stoppingProviders.delete(provider.id);
  host.providers.delete(provider.id);
  host.emit("provider_stopped", {
    host_id: cmd.host_id,
    provider_id: provider.id,
    annotations: provider.annotations,
    reason: "stop",
    instance_id: provider.id,
    public_key: provider.id,
    link_name: "default",
  });
  return ok("successfully stopped provider");
}
