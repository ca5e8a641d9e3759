import "server-only";
import { imageVersion } from "@/lib/image-ref";
import type { Host } from "@/lib/schemas/host";
import type { HostPlan } from "@/lib/schemas/rollout";

function describe(host: Host, change: HostPlan["changes"][number]): string | undefined {
  if (change.kind === "component") {
    const c = host.components.find((x) => x.id === change.id);
    const at = (s: typeof change.before) =>
      s !== null &&
      c !== undefined &&
      c.imageRef === s.imageRef &&
      c.maxInstances === s.maxInstances;
    if (at(change.before) || at(change.after)) return undefined;
    const now = c ? `${imageVersion(c.imageRef)} ×${c.maxInstances}` : "nothing";
    const want = change.before
      ? `${imageVersion(change.before.imageRef)} ×${change.before.maxInstances}`
      : "nothing";
    return `${host.friendlyName || host.id} runs ${change.id} ${now}, the plan expected ${want}`;
  }
  const p = host.providers.find((x) => x.id === change.id);
  const at = (s: typeof change.before) =>
    s !== null && p !== undefined && p.imageRef === s.imageRef;
  if (at(change.before) || at(change.after)) return undefined;
  const now = p ? imageVersion(p.imageRef) : "nothing";
  return `${host.friendlyName || host.id} runs provider ${change.id} ${now}, the plan expected ${change.before ? imageVersion(change.before.imageRef) : "nothing"}`;
}

/**
 * Drift before a wave (API.md "drift during a rollout pauses it"): each host must still be
 * where the plan found it, or already at the target; a gone or stale host is drift too.
 */
export function waveDrift(
  hostIds: readonly string[],
  plans: ReadonlyMap<string, HostPlan>,
  host: (id: string) => Host | undefined,
): string[] {
  const drift: string[] = [];
  for (const id of hostIds) {
    const h = host(id);
    if (!h) {
      drift.push(`host ${id} is gone`);
      continue;
    }
    if (h.stale) drift.push(`${h.friendlyName || id} is stale`);
    for (const change of plans.get(id)?.changes ?? []) {
      const line = describe(h, change);
      if (line) drift.push(line);
    }
  }
  return drift;
}
