import { ConfigValues } from "@/lib/protocol";
import { decode, ok, type CtlResult } from "./ctl";
import type { SimHost } from "./host";

/** `config.put.{name}` (protocol §6.2): a flat string map, stored under `{name}`. */
export async function putConfig(host: SimHost, name: string, body: Uint8Array): Promise<CtlResult> {
  const values = decode(ConfigValues, body, "config data should be a map of string -> string");
  await host.ctx.store.putConfig(name, values);
  host.emit("config_set", { config_name: name });
  return ok("successfully put config");
}

/** `config.get.{name}`: absence is a success without `response`. */
export async function getConfig(host: SimHost, name: string): Promise<CtlResult> {
  const values = await host.ctx.store.getConfig(name);
  return values === undefined ? ok("Configuration not found") : ok("", values);
}

/** `config.del.{name}`: purges; succeeds and emits `config_deleted` even when absent. */
export async function deleteConfig(host: SimHost, name: string): Promise<CtlResult> {
  await host.ctx.store.deleteConfig(name);
  host.emit("config_deleted", { config_name: name });
  return ok("successfully deleted config");
}

/** `claims.get`: the simulated workloads are unsigned, so there are no claims (§6.3). */
export function getClaims(): CtlResult {
  return ok("", []);
}
