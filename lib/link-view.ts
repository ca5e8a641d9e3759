import type { ApiConfig, ApiLink } from "@/lib/schemas/lattice-data";
import type { Host } from "@/lib/schemas/host";
import { compareNames } from "@/lib/host-view";

/** A link seen from one host: whether its workload is the link's source, target, or both. */
export interface HostLink {
  link: ApiLink;
  /** `outgoing`: a workload here calls out through it; `incoming`: one here is called. */
  direction: "outgoing" | "incoming" | "both";
  /** Stable key: the link's key of protocol §6.1 (source, namespace, package, name). */
  key: string;
}

export const linkKey = (l: ApiLink) => `${l.sourceId}/${l.witNamespace}:${l.witPackage}/${l.name}`;

/** `wasi:keyvalue/{store,atomics}`: the interface a link carries, as WIT spells it. */
export function linkInterface(l: Pick<ApiLink, "witNamespace" | "witPackage" | "interfaces">) {
  const ifaces = l.interfaces.length === 1 ? l.interfaces[0] : `{${l.interfaces.join(",")}}`;
  return l.interfaces.length === 0
    ? `${l.witNamespace}:${l.witPackage}`
    : `${l.witNamespace}:${l.witPackage}/${ifaces}`;
}

/** Ids of every component and provider the host runs. */
export function hostWorkloadIds(host: Host): Set<string> {
  return new Set([...host.components.map((c) => c.id), ...host.providers.map((p) => p.id)]);
}

/**
 * The links that touch a workload on this host, in both directions: links belong to their
 * source lattice-wide (protocol §6.1), so a host "has" a link when it runs either end.
 */
export function hostLinks(host: Host, links: readonly ApiLink[]): HostLink[] {
  const here = hostWorkloadIds(host);
  const result: HostLink[] = [];
  for (const link of links) {
    const isSource = here.has(link.sourceId);
    const isTarget = here.has(link.target);
    if (!isSource && !isTarget) continue;
    const direction = isSource && isTarget ? "both" : isSource ? "outgoing" : "incoming";
    result.push({ link, direction, key: linkKey(link) });
  }
  return result.sort(
    (a, b) =>
      compareNames(a.link.sourceId, b.link.sourceId) ||
      compareNames(a.link.target, b.link.target) ||
      compareNames(a.key, b.key),
  );
}

/** A named config with the links of this host's workloads that name it. */
export interface ConfigUse {
  config: ApiConfig;
  /** Keys of links whose source or target config list names this config. */
  usedByLinks: string[];
  isSecret: boolean;
}

/**
 * The lattice's named configs (they are lattice-wide, protocol §6.2), those named by this
 * host's links first. Which configs a component was started with is not observable through
 * the control interface, so links are the only use the console can show.
 */
export function configUses(configs: readonly ApiConfig[], hostLinks: readonly HostLink[]) {
  const uses: ConfigUse[] = configs.map((config) => ({
    config,
    isSecret: "secret" in config || config.name.startsWith("SECRET_"),
    usedByLinks: hostLinks
      .filter(
        ({ link }) =>
          link.sourceConfig.includes(config.name) || link.targetConfig.includes(config.name),
      )
      .map((l) => l.key),
  }));
  return uses.sort(
    (a, b) =>
      Number(b.usedByLinks.length > 0) - Number(a.usedByLinks.length > 0) ||
      compareNames(a.config.name, b.config.name),
  );
}

/** The values to show for a config: never a `SECRET_*` one's, whatever the API sent. */
export function visibleValues(use: ConfigUse): [string, string][] | null {
  if (use.isSecret || !("values" in use.config)) return null;
  return Object.entries(use.config.values).sort(([a], [b]) => compareNames(a, b));
}
