import type { Host, ProviderHealth } from "@/lib/schemas/host";

/** The one status set every badge uses (tokens in app/globals.css). */
export type StatusTone = "ok" | "progressing" | "warning" | "failed" | "unknown";

export interface HealthSummary {
  tone: StatusTone;
  label: string;
  healthy: number;
  unhealthy: number;
  unknown: number;
}

/** A host's provider health, summarised worst-first (staleness is shown on its own). */
export function hostHealth(host: Host): HealthSummary {
  const count = (h: ProviderHealth) => host.providers.filter((p) => p.health === h).length;
  const healthy = count("healthy");
  const unhealthy = count("unhealthy");
  const unknown = count("unknown");
  const base = { healthy, unhealthy, unknown };
  if (unhealthy > 0) return { ...base, tone: "failed", label: `${unhealthy} unhealthy` };
  if (unknown > 0) return { ...base, tone: "unknown", label: `${unknown} health unknown` };
  if (healthy > 0) return { ...base, tone: "ok", label: "Healthy" };
  return { ...base, tone: "ok", label: "No providers" };
}

export function providerTone(health: ProviderHealth): StatusTone {
  switch (health) {
    case "healthy":
      return "ok";
    case "unhealthy":
      return "failed";
    case "unknown":
      return "unknown";
  }
}

export const WADM_MANAGED_BY = "wasmcloud.dev/managed-by";

/** wadm marks what it deploys (protocol §8): such workloads get reconciled back by wadm. */
export function isWadmManaged(annotations: Record<string, string>): boolean {
  return annotations[WADM_MANAGED_BY] === "wadm";
}

export interface HostFilter {
  /** `key=value` pairs separated by commas or spaces; `key` alone matches any value. */
  labels: string;
  text: string;
}

export function parseLabelFilter(input: string): Array<[string, string | null]> {
  return input
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((term) => {
      const eq = term.indexOf("=");
      return eq < 0 ? [term, null] : [term.slice(0, eq), term.slice(eq + 1)];
    });
}

export function filterHosts(hosts: Host[], filter: HostFilter): Host[] {
  const labels = parseLabelFilter(filter.labels);
  const text = filter.text.trim().toLowerCase();
  if (labels.length === 0 && text === "") return hosts;
  return hosts.filter((host) => {
    const labelsMatch = labels.every(([k, v]) =>
      v === null ? k in host.labels : host.labels[k] === v,
    );
    return labelsMatch && (text === "" || hostSearchText(host).includes(text));
  });
}

function hostSearchText(host: Host): string {
  return [
    host.friendlyName,
    host.id,
    host.version,
    ...Object.entries(host.labels).map(([k, v]) => `${k}=${v}`),
    ...host.components.map((c) => `${c.id} ${c.imageRef}`),
    ...host.providers.map((p) => `${p.id} ${p.imageRef}`),
  ]
    .join(" ")
    .toLowerCase();
}

const nameCollator = new Intl.Collator("en", { numeric: true });

/** Compares display names (hosts, workload ids) with numbers in numeric order. */
export const compareNames: (a: string, b: string) => number = nameCollator.compare;

/** By friendly name, numbers in numeric order; one shared collator keeps big sorts cheap. */
export function byFriendlyName(
  a: Pick<Host, "id" | "friendlyName">,
  b: Pick<Host, "id" | "friendlyName">,
): number {
  return (
    nameCollator.compare(a.friendlyName, b.friendlyName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** How an event reads at a glance: failures stand out, stops are neutral, the rest is progress. */
export function eventTone(type: string): StatusTone {
  if (type.endsWith("_failed")) return "failed";
  if (type.endsWith("_stopped") || type.endsWith("_deleted")) return "unknown";
  if (type.endsWith("_passed") || type.endsWith("_started")) return "ok";
  return "progressing";
}
