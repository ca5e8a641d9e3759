import { imageVersion } from "@/lib/image-ref";
import { compareNames, isWadmManaged } from "@/lib/host-view";
import type { Host } from "@/lib/schemas/host";

export interface WorkloadPlacement {
  hostId: string;
  friendlyName: string;
  imageRef: string;
  version: string;
  /** Components: max instances on that host. Providers: always 1 (one per host). */
  instances: number;
  health: "healthy" | "unhealthy" | "unknown" | null;
  stale: boolean;
}

export interface VersionCount {
  version: string;
  imageRefs: string[];
  hosts: number;
}

export interface WorkloadSummary {
  kind: "component" | "provider";
  id: string;
  placements: WorkloadPlacement[];
  versions: VersionCount[];
  totalInstances: number;
  isWadmManaged: boolean;
}

/**
 * Groups every component and provider of the lattice by id: on which hosts it runs, at which
 * image version, and how many versions are live at once (skew, e.g. mid-rollout). A component
 * "runs on N hosts" when N inventories list it (protocol §1.1).
 */
export function summarizeWorkloads(hosts: Host[]): WorkloadSummary[] {
  const byKey = new Map<string, WorkloadSummary>();
  const entry = (kind: WorkloadSummary["kind"], id: string) => {
    const key = `${kind}:${id}`;
    let found = byKey.get(key);
    if (!found) {
      found = { kind, id, placements: [], versions: [], totalInstances: 0, isWadmManaged: false };
      byKey.set(key, found);
    }
    return found;
  };
  for (const host of hosts) {
    const base = { hostId: host.id, friendlyName: host.friendlyName, stale: host.stale };
    for (const c of host.components) {
      const w = entry("component", c.id);
      w.placements.push({
        ...base,
        imageRef: c.imageRef,
        version: imageVersion(c.imageRef),
        instances: c.maxInstances,
        health: null,
      });
      w.isWadmManaged ||= isWadmManaged(c.annotations);
    }
    for (const p of host.providers) {
      const w = entry("provider", p.id);
      w.placements.push({
        ...base,
        imageRef: p.imageRef,
        version: imageVersion(p.imageRef),
        instances: 1,
        health: p.health,
      });
      w.isWadmManaged ||= isWadmManaged(p.annotations);
    }
  }
  const result = [...byKey.values()];
  for (const w of result) {
    w.placements.sort((a, b) => compareNames(a.friendlyName, b.friendlyName));
    w.totalInstances = w.placements.reduce((n, p) => n + p.instances, 0);
    const versions = new Map<string, VersionCount>();
    for (const p of w.placements) {
      const v = versions.get(p.version) ?? { version: p.version, imageRefs: [], hosts: 0 };
      v.hosts += 1;
      if (!v.imageRefs.includes(p.imageRef)) v.imageRefs.push(p.imageRef);
      versions.set(p.version, v);
    }
    w.versions = [...versions.values()].sort(
      (a, b) => b.hosts - a.hosts || compareNames(a.version, b.version),
    );
  }
  return result.sort((a, b) => a.kind.localeCompare(b.kind) || compareNames(a.id, b.id));
}
