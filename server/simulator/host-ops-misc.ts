import { z } from "zod";
import {
  ComponentAuction,
  DeleteLabelCommand,
  ProviderAuction,
  PutLabelCommand,
} from "@/lib/protocol";
import { decode, fail, ok, type CtlResult } from "./ctl";
import type { SimHost } from "./host";

/** `label.put.{hostId}`: `hostcore.*` is guarded; always emits `labels_changed` (§2.2, §7.5). */
export function putLabel(host: SimHost, body: Uint8Array): CtlResult {
  const { key, value } = decode(PutLabelCommand, body, "failed to deserialize put label request");
  if (key.toLowerCase().startsWith("hostcore.")) {
    return fail("hostcore.* labels cannot be set dynamically");
  }
  host.labels.set(key, value);
  host.emit("labels_changed", { host_id: host.id, labels: host.sortedLabels() });
  return ok("successfully put label");
}

/** `label.del.{hostId}`: only put is guarded (§11.1 #9); no event for a missing key. */
export function deleteLabel(host: SimHost, body: Uint8Array): CtlResult {
  const { key } = decode(DeleteLabelCommand, body, "failed to deserialize delete label request");
  if (!host.labels.delete(key)) return ok("successfully deleted label (no such label)");
  host.emit("labels_changed", { host_id: host.id, labels: host.sortedLabels() });
  return ok("successfully deleted label");
}

const RegistryCredentials = z.record(
  z.string(),
  z.object({
    username: z.string().optional(),
    password: z.string().optional(),
    token: z.string().optional(),
    registryType: z.string().optional(),
  }),
);

/** `registry.put`: credentials are accepted (never logged); replies only to a request. */
export function putRegistries(body: Uint8Array, hasReply: boolean): CtlResult {
  decode(RegistryCredentials, body, "failed to deserialize registries put command");
  return hasReply ? ok("successfully put registries") : "no-reply";
}

function qualifies(host: SimHost, constraints: Record<string, string>): boolean {
  return Object.entries(constraints).every(([k, v]) => host.labels.get(k) === v);
}

/** `component.auction`: answer iff constraints match and the id is not running (§2.2). */
export function auctionComponent(host: SimHost, body: Uint8Array): CtlResult {
  const req = decode(ComponentAuction, body, "failed to deserialize component auction command");
  if (!qualifies(host, req.constraints) || host.components.has(req.component_id)) {
    return "no-reply";
  }
  return ok("", {
    component_ref: req.component_ref,
    component_id: req.component_id,
    host_id: host.id,
    constraints: req.constraints,
  });
}

/** `provider.auction`: same rule as components (§2.2). */
export function auctionProvider(host: SimHost, body: Uint8Array): CtlResult {
  const req = decode(ProviderAuction, body, "failed to deserialize provider auction command");
  if (!qualifies(host, req.constraints) || host.providers.has(req.provider_id)) return "no-reply";
  return ok("", {
    provider_ref: req.provider_ref,
    provider_id: req.provider_id,
    host_id: host.id,
    constraints: req.constraints,
  });
}
