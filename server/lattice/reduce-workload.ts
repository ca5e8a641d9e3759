import "server-only";
import type { LatticeEvent } from "@/lib/protocol";
import type { HostModel, ProviderModel } from "./lattice-state";
import { internComponent, internProvider } from "./workload-pool";

export type Step = { host: HostModel | null; resync: boolean };

function health(host: HostModel, providerId: string, value: ProviderModel["health"] | null): Step {
  const provider = host.providers.get(providerId);
  // Health for a provider we have not seen start: the inventory will tell us what it is.
  if (!provider) return { host, resync: true };
  if (value === null || provider.health === value) return { host, resync: false };
  return {
    host: {
      ...host,
      providers: host.providers.with(internProvider({ ...provider, health: value })),
    },
    resync: false,
  };
}

/** Applies one event to the host it came from (identity = CloudEvent `source`, §3.2). */
/** Applies a workload, health or label event to a known host (protocol §3.2, §7). */
export function workloadStep(event: LatticeEvent, host: HostModel, now: number): Step {
  switch (event.name) {
    case "component_scaled": {
      const d = event.data;
      const touched = { ...host, lastWorkloadEventAt: now };
      if (d.max_instances > 0) {
        const entry = internComponent({
          id: d.component_id,
          imageRef: d.image_ref,
          maxInstances: d.max_instances,
          annotations: d.annotations,
          // The event carries no limits (protocol §3.2): keep what the last inventory said
          // until the next one replaces it (§10 "Scaling wipes annotations and limits").
          limits: host.components.get(d.component_id)?.limits ?? null,
        });
        return {
          host: {
            ...touched,
            components: host.components.with(entry),
            lastScaled: { componentId: d.component_id, imageRef: d.image_ref },
          },
          resync: false,
        };
      }
      // The second half of an update pair looks like a stop (protocol §7.2): a 0-count right
      // after a count>0 for the same id is ambiguous, so the inventory decides. (1.0.0 hosts
      // sent the old ref in it, §11.2, so the ref is not required to match.)
      if (host.lastScaled?.componentId === d.component_id) {
        return { host: { ...touched, lastScaled: null }, resync: true };
      }
      return {
        host: {
          ...touched,
          components: host.components.without(d.component_id),
          lastScaled: null,
        },
        resync: false,
      };
    }
    case "provider_started": {
      const d = event.data;
      const entry = internProvider({
        id: d.provider_id,
        imageRef: d.image_ref,
        annotations: d.annotations,
        health: "unknown",
      });
      return {
        host: {
          ...host,
          lastWorkloadEventAt: now,
          providers: host.providers.with(entry),
        },
        resync: false,
      };
    }
    case "provider_stopped":
      return {
        host: {
          ...host,
          lastWorkloadEventAt: now,
          providers: host.providers.without(event.data.provider_id),
        },
        resync: false,
      };
    case "health_check_passed":
      return health(host, event.data.provider_id, "healthy");
    case "health_check_failed":
      return health(host, event.data.provider_id, "unhealthy");
    case "health_check_status":
      return health(host, event.data.provider_id, null);
    case "labels_changed":
      return { host: { ...host, labels: event.data.labels }, resync: false };
    case "component_scale_failed":
    case "provider_start_failed":
    case "linkdef_set":
    case "linkdef_set_failed":
    case "linkdef_deleted":
    case "config_set":
    case "config_deleted":
    case "host_started":
    case "host_stopped":
    case "host_heartbeat":
      return { host, resync: false };
  }
}
