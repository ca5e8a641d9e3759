import type { HostInventoryWire, PingHost } from "@/lib/protocol";
import { uptimeHuman } from "./ctl";
import type { SimHost } from "./host";

/** Labels sorted by key, components and providers in start order (protocol §5.1). */
export function inventoryOf(host: SimHost): HostInventoryWire {
  const uptime = host.uptimeSeconds();
  return {
    host_id: host.id,
    friendly_name: host.friendlyName,
    version: host.version,
    labels: host.sortedLabels(),
    uptime_human: uptimeHuman(uptime),
    uptime_seconds: uptime,
    components: [...host.components.values()].map((c) => ({
      id: c.id,
      image_ref: c.imageRef,
      annotations: { ...c.annotations },
      revision: 0,
      max_instances: c.maxInstances,
      limits: c.limits,
    })),
    providers: [...host.providers.values()].map((p) => ({
      id: p.id,
      image_ref: p.imageRef,
      annotations: { ...p.annotations },
      revision: 0,
    })),
  };
}

export function pingInfoOf(host: SimHost): PingHost {
  const uptime = host.uptimeSeconds();
  return {
    id: host.id,
    friendly_name: host.friendlyName,
    labels: host.sortedLabels(),
    lattice: host.ctx.lattice,
    version: host.version,
    uptime_seconds: uptime,
    uptime_human: uptimeHuman(uptime),
    ctl_host: host.ctx.natsUrl,
    rpc_host: host.ctx.natsUrl,
  };
}
