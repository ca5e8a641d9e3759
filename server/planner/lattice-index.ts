import "server-only";
import type { Host } from "@/lib/schemas/host";

/** Lookups built once per plan, so every later step is linear in hosts + links. */
export interface LatticeIndex {
  hostsById: ReadonlyMap<string, Host>;
  /** Component id → hosts whose inventory lists it. */
  componentHosts: ReadonlyMap<string, readonly Host[]>;
  /** Provider id → hosts whose inventory lists it. */
  providerHosts: ReadonlyMap<string, readonly Host[]>;
}

export function indexLattice(hosts: readonly Host[]): LatticeIndex {
  const hostsById = new Map<string, Host>();
  const componentHosts = new Map<string, Host[]>();
  const providerHosts = new Map<string, Host[]>();
  for (const host of hosts) {
    hostsById.set(host.id, host);
    for (const c of host.components) push(componentHosts, c.id, host);
    for (const p of host.providers) push(providerHosts, p.id, host);
  }
  return { hostsById, componentHosts, providerHosts };
}

function push(map: Map<string, Host[]>, key: string, host: Host): void {
  const list = map.get(key);
  if (list) list.push(host);
  else map.set(key, [host]);
}

/** Hosts running a workload id as a component or a provider. */
export function hostsRunning(index: LatticeIndex, id: string): readonly Host[] {
  const components = index.componentHosts.get(id) ?? [];
  const providers = index.providerHosts.get(id) ?? [];
  return providers.length === 0 ? components : [...components, ...providers];
}

/** Operator-facing host names, sorted and without repeats, for warnings. */
export function nameHosts(hosts: Iterable<Host>): string {
  const names = new Set<string>();
  for (const host of hosts) names.add(host.friendlyName || host.id);
  return [...names].sort().join(", ");
}
