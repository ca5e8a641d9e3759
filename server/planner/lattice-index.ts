import "server-only";
import type { ComponentStatus, Host, ProviderStatus } from "@/lib/schemas/host";

/**
 * Lookups a plan needs, each built on first use and only for the ids asked about: a plan
 * names a few workloads, so indexing every workload of every host (22 per host at 10,000
 * hosts) would cost more than the plan itself (issue 8).
 */
export interface LatticeIndex {
  host(id: string): Host | undefined;
  /** Hosts whose inventory lists component `id`, once per listing, in lattice order. */
  componentHosts(id: string): readonly Host[];
  /** Hosts whose inventory lists provider `id`, once per listing, in lattice order. */
  providerHosts(id: string): readonly Host[];
  /**
   * Host → its first component listed as `id` (what the host reports for that id), hosts in
   * lattice order. The diff and the pre-flight both read it: one walk instead of two.
   */
  componentsOn(id: string): ReadonlyMap<Host, ComponentStatus>;
  providersOn(id: string): ReadonlyMap<Host, ProviderStatus>;
}

export function indexLattice(hosts: readonly Host[]): LatticeIndex {
  let hostsById: Map<string, Host> | null = null;
  const components = new Map<string, readonly Host[]>();
  const providers = new Map<string, readonly Host[]>();
  const componentsOn = new Map<string, ReadonlyMap<Host, ComponentStatus>>();
  const providersOn = new Map<string, ReadonlyMap<Host, ProviderStatus>>();
  return {
    host(id) {
      if (hostsById === null) {
        hostsById = new Map();
        for (const host of hosts) hostsById.set(host.id, host);
      }
      return hostsById.get(id);
    },
    componentHosts: (id) => memo(components, id, () => listing(hosts, id, "components")),
    providerHosts: (id) => memo(providers, id, () => listing(hosts, id, "providers")),
    componentsOn: (id) => memo(componentsOn, id, () => firstOn(hosts, id, (h) => h.components)),
    providersOn: (id) => memo(providersOn, id, () => firstOn(hosts, id, (h) => h.providers)),
  };
}

function memo<T>(map: Map<string, T>, id: string, build: () => T): T {
  const found = map.get(id);
  if (found !== undefined) return found;
  const built = build();
  map.set(id, built);
  return built;
}

function listing(
  hosts: readonly Host[],
  id: string,
  kind: "components" | "providers",
): readonly Host[] {
  const found: Host[] = [];
  for (const host of hosts) {
    for (const workload of host[kind]) if (workload.id === id) found.push(host);
  }
  return found;
}

function firstOn<T extends { id: string }>(
  hosts: readonly Host[],
  id: string,
  list: (host: Host) => readonly T[],
): ReadonlyMap<Host, T> {
  const found = new Map<Host, T>();
  for (const host of hosts) {
    const workload = findWorkload(list(host), id);
    if (workload !== undefined) found.set(host, workload);
  }
  return found;
}

/** The first workload with `id` in an inventory list: what the host reports for that id. */
export function findWorkload<T extends { id: string }>(
  workloads: readonly T[],
  id: string,
): T | undefined {
  for (const workload of workloads) if (workload.id === id) return workload;
  return undefined;
}

/** Hosts running a workload id as a component or a provider. */
export function hostsRunning(index: LatticeIndex, id: string): readonly Host[] {
  const components = index.componentHosts(id);
  const providers = index.providerHosts(id);
  return providers.length === 0 ? components : [...components, ...providers];
}

/** Operator-facing host names, sorted and without repeats, for warnings. */
export function nameHosts(hosts: Iterable<Host>): string {
  const names = new Set<string>();
  for (const host of hosts) names.add(host.friendlyName || host.id);
  return [...names].sort().join(", ");
}
