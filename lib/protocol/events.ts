import { z } from "zod";
import { HostInventory } from "./inventory";
import { EVENT_TYPE_PREFIX } from "./subjects";

const StringMap = z.record(z.string(), z.string());
const Annotations = StringMap.nullish().transform((a) => a ?? {});

/** CloudEvents 1.0 structured envelope (protocol §3.1). `source` is the emitting host's id. */
export const CloudEvent = z.object({
  specversion: z.string(),
  id: z.string(),
  type: z.string().startsWith(EVENT_TYPE_PREFIX),
  source: z.string().min(1),
  datacontenttype: z.string().optional(),
  time: z.string(),
  data: z.unknown(),
});
export type CloudEvent = z.output<typeof CloudEvent>;

/**
 * `data` of each of the 17 event types (protocol §3.2). Parsing is lenient: unknown fields are
 * ignored and optional fields defaulted, so every 1.x host's events are accepted. Host identity
 * comes from the envelope's `source`, never from `data.host_id` (which is copied from the
 * request body for component/provider events).
 */
export const EventData = {
  host_started: z.object({
    friendly_name: z.string().default(""),
    labels: StringMap.default({}),
    uptime_seconds: z.number().default(0),
    version: z.string().default(""),
  }),
  host_stopped: z.object({ labels: StringMap.default({}) }),
  host_heartbeat: HostInventory,
  component_scaled: z.object({
    host_id: z.string().default(""),
    component_id: z.string(),
    image_ref: z.string().default(""),
    max_instances: z.number().int().nonnegative(),
    annotations: Annotations,
  }),
  component_scale_failed: z.object({
    host_id: z.string().default(""),
    component_id: z.string(),
    image_ref: z.string().default(""),
    max_instances: z.number().int().nonnegative().default(0),
    annotations: Annotations,
    error: z.string().default(""),
  }),
  provider_started: z.object({
    host_id: z.string().default(""),
    provider_id: z.string(),
    image_ref: z.string().default(""),
    annotations: Annotations,
  }),
  provider_start_failed: z.object({
    host_id: z.string().default(""),
    provider_id: z.string(),
    provider_ref: z.string().default(""),
    error: z.string().default(""),
  }),
  provider_stopped: z.object({
    host_id: z.string().default(""),
    provider_id: z.string(),
    annotations: Annotations,
    reason: z.string().default(""),
  }),
  health_check_passed: z.object({ host_id: z.string().default(""), provider_id: z.string() }),
  health_check_failed: z.object({ host_id: z.string().default(""), provider_id: z.string() }),
  health_check_status: z.object({ host_id: z.string().default(""), provider_id: z.string() }),
  linkdef_set: z.object({ source_id: z.string(), target: z.string() }).loose(),
  linkdef_set_failed: z
    .object({ source_id: z.string(), target: z.string(), error: z.string().default("") })
    .loose(),
  linkdef_deleted: z.object({ source_id: z.string() }).loose(),
  config_set: z.object({ config_name: z.string() }),
  config_deleted: z.object({ config_name: z.string() }),
  labels_changed: z.object({ host_id: z.string().default(""), labels: StringMap }),
} as const;

export type EventName = keyof typeof EventData;
export const EVENT_NAMES = Object.keys(EventData) as EventName[];

export type LatticeEvent = {
  [K in EventName]: {
    name: K;
    id: string;
    source: string;
    time: string;
    data: z.output<(typeof EventData)[K]>;
  };
}[EventName];

export type ParsedEvent =
  | { ok: true; event: LatticeEvent }
  | { ok: false; reason: "malformed" | "unknown-type"; detail: string };

function isEventName(name: string): name is EventName {
  return Object.hasOwn(EventData, name);
}

/** Parses a raw event payload; a bad one becomes a value, never a throw. */
export function parseEvent(raw: string): ParsedEvent {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "malformed", detail: "not JSON" };
  }
  const envelope = CloudEvent.safeParse(json);
  if (!envelope.success) {
    return { ok: false, reason: "malformed", detail: z.prettifyError(envelope.error) };
  }
  const name = envelope.data.type.slice(EVENT_TYPE_PREFIX.length);
  if (!isEventName(name)) return { ok: false, reason: "unknown-type", detail: name };
  const data = EventData[name].safeParse(envelope.data.data);
  if (!data.success) {
    return { ok: false, reason: "malformed", detail: `${name}: ${z.prettifyError(data.error)}` };
  }
  const { id, source, time } = envelope.data;
  // The discriminant and its schema were chosen together above.
  return { ok: true, event: { name, id, source, time, data: data.data } as LatticeEvent };
}
