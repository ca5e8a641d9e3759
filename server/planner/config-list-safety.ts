import "server-only";
import type { HostPlan } from "@/lib/schemas/rollout";
import type { Findings } from "./types";

/**
 * A rescale, a replace or a provider restart sends a config-name list, and the host uses
 * exactly that list (protocol §2.3, §2.5, §7.1). The list in use is not observable: the
 * console knows it only from its own earlier rollouts (API.md). Sending a guessed (empty) list
 * would silently drop a workload's config, so such a change must name the list, and a change
 * whose earlier list was never recorded warns that a rollback keeps the new one.
 */
export function configListSafety(hosts: readonly HostPlan[]): Findings {
  const found: Findings = { errors: [], warnings: [] };
  const seen = new Set<string>();
  for (const host of hosts) {
    for (const change of host.changes) {
      const key = `${change.kind} ${change.id}`;
      if (seen.has(key) || change.before === null || change.after === null) continue;
      const sendsList =
        change.kind === "provider" ||
        change.method === "replace" ||
        change.before.maxInstances !== change.after.maxInstances ||
        (change.after.config ?? null) !== null;
      if (!sendsList) continue;
      seen.add(key);
      if ((change.after.config ?? null) === null) {
        if (change.kind === "provider") continue; // warned by the host diff already
        found.errors.push(
          `${key}: this change re-creates it with the config-name list it is sent, and the console has no record of the list in use; name it in the change's "config"`,
        );
      } else if ((change.before.config ?? null) === null) {
        found.warnings.push(
          `${key}: its earlier config-name list was never recorded, so a rollback keeps the new list ${JSON.stringify(change.after.config)}`,
        );
      }
    }
  }
  return found;
}
