import "server-only";
import type { LatticeEvent } from "@/lib/protocol";
import type { FeedEvent } from "@/lib/schemas/stream";

/** One line an operator can read, per event type (protocol §3.2). */
export function summarizeEvent(event: LatticeEvent): string {
  switch (event.name) {
    case "host_started":
      return `host ${event.data.friendly_name || event.source} started (${event.data.version})`;
    case "host_stopped":
      return "host stopped";
    case "host_heartbeat":
      return `heartbeat: ${event.data.components.length} components, ${event.data.providers.length} providers`;
    case "component_scaled":
      return event.data.max_instances === 0
        ? `component ${event.data.component_id} scaled to 0 (${event.data.image_ref})`
        : `component ${event.data.component_id} running ${event.data.image_ref} (max ${event.data.max_instances})`;
    case "component_scale_failed":
      return `component ${event.data.component_id} failed to scale: ${event.data.error}`;
    case "provider_started":
      return `provider ${event.data.provider_id} started (${event.data.image_ref})`;
    case "provider_start_failed":
      return `provider ${event.data.provider_id} failed to start: ${event.data.error}`;
    case "provider_stopped":
      return `provider ${event.data.provider_id} stopped`;
    case "health_check_passed":
      return `provider ${event.data.provider_id} is healthy`;
    case "health_check_failed":
      return `provider ${event.data.provider_id} is unhealthy`;
    case "health_check_status":
      return `provider ${event.data.provider_id} health unchanged`;
    case "linkdef_set":
      return `link ${event.data.source_id} → ${event.data.target} set`;
    case "linkdef_set_failed":
      return `link ${event.data.source_id} → ${event.data.target} refused: ${event.data.error}`;
    case "linkdef_deleted":
      return `link from ${event.data.source_id} deleted`;
    case "config_set":
      return `config ${event.data.config_name} set`;
    case "config_deleted":
      return `config ${event.data.config_name} deleted`;
    case "labels_changed":
      return `labels changed: ${Object.entries(event.data.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}`;
  }
}

/**
 * Periodic events stay out of the feed: every host sends a heartbeat per interval and every
 * provider a status check every 30 s (protocol §4, §7.4), which would drown everything else.
 */
export function isFeedWorthy(event: LatticeEvent): boolean {
  return event.name !== "host_heartbeat" && event.name !== "health_check_status";
}

export function toFeedEvent(event: LatticeEvent): FeedEvent {
  return {
    id: event.id,
    type: event.name,
    hostId: event.source,
    time: event.time,
    summary: summarizeEvent(event),
  };
}
