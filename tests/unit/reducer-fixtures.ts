import { HostInventory, parseEvent, type LatticeEvent } from "@/lib/protocol";
import type { LatticeInput } from "@/server/lattice";

export const HOST_A = "NAAAAHOSTAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
export const HOST_B = "NBBBBHOSTBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

let seq = 0;

/** A lattice event built from its wire form, so the fixtures pass the real schemas. */
export function event(name: string, source: string, data: Record<string, unknown>): LatticeInput {
  seq += 1;
  const parsed = parseEvent(
    JSON.stringify({
      specversion: "1.0",
      id: `evt-${seq}`,
      type: `com.wasmcloud.lattice.${name}`,
      source,
      datacontenttype: "application/json",
      time: "2026-11-29T12:00:00.000Z",
      data,
    }),
  );
  if (!parsed.ok) throw new Error(`bad fixture ${name}: ${parsed.detail}`);
  return { kind: "event", event: parsed.event };
}

export function eventOf(input: LatticeInput): LatticeEvent {
  if (input.kind !== "event") throw new Error("not an event");
  return input.event;
}

type Wl = {
  id: string;
  ref: string;
  count?: number;
  annotations?: Record<string, string>;
  /** 1.9 component limits (protocol §5.1); null when none */
  limits?: Record<string, string> | null;
};

export function inventoryWire(
  hostId: string,
  opts: {
    components?: Wl[];
    providers?: Wl[];
    uptime?: number;
    labels?: Record<string, string>;
  } = {},
) {
  return {
    host_id: hostId,
    friendly_name: `host-${hostId.slice(1, 5).toLowerCase()}`,
    version: "1.9.2",
    labels: opts.labels ?? { "hostcore.os": "linux" },
    uptime_human: "1m",
    uptime_seconds: opts.uptime ?? 60,
    components: (opts.components ?? []).map((c) => ({
      id: c.id,
      image_ref: c.ref,
      annotations: c.annotations ?? {},
      revision: 0,
      max_instances: c.count ?? 1,
      limits: c.limits ?? null,
    })),
    providers: (opts.providers ?? []).map((p) => ({
      id: p.id,
      image_ref: p.ref,
      annotations: p.annotations ?? {},
      revision: 0,
    })),
  };
}

export function inventory(
  hostId: string,
  opts: Parameters<typeof inventoryWire>[1] = {},
): LatticeInput {
  return { kind: "inventory", inventory: HostInventory.parse(inventoryWire(hostId, opts)) };
}

export function heartbeat(
  hostId: string,
  opts: Parameters<typeof inventoryWire>[1] = {},
): LatticeInput {
  return event("host_heartbeat", hostId, inventoryWire(hostId, opts));
}

export const scaled = (host: string, id: string, ref: string, count: number, requestHostId = "") =>
  event("component_scaled", host, {
    host_id: requestHostId,
    component_id: id,
    image_ref: ref,
    max_instances: count,
    annotations: {},
  });

export const providerStarted = (host: string, id: string, ref: string) =>
  event("provider_started", host, {
    host_id: "",
    provider_id: id,
    image_ref: ref,
    annotations: {},
  });

export const health = (host: string, kind: "passed" | "failed" | "status", providerId: string) =>
  event(`health_check_${kind}`, host, { host_id: host, provider_id: providerId });
