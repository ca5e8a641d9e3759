import type { ComponentStatus, Host } from "@/lib/schemas/host";

/** An API host, healthy and fresh, in zone a, running nothing; `patch` sets what a test needs. */
export function host(id: string, patch: Partial<Host> = {}): Host {
  return {
    id,
    friendlyName: `host-${id}`,
    version: "1.9.2",
    labels: { zone: "a" },
    stale: false,
    lastSeen: "2026-11-29T10:00:00Z",
    uptimeSeconds: 1,
    uptimeReportedAt: "2026-11-29T10:00:00Z",
    components: [],
    providers: [],
    ...patch,
  };
}

/** A component as the API shows it, without annotations or limits. */
export function component(id: string, maxInstances = 1): ComponentStatus {
  return { id, imageRef: `ghcr.io/acme/${id}:1`, maxInstances, annotations: {}, limits: null };
}
