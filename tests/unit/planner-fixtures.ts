import type { ComponentStatus, Host, ProviderStatus } from "@/lib/schemas/host";
import type { z } from "zod";
import {
  RolloutSpec,
  type ApiLinkShape,
  type ComponentChange,
  type RolloutSpecInput,
} from "@/lib/schemas/rollout";
import type { PlanInput } from "@/server/planner";
import { host } from "./host-fixtures";

export { host };

export const HELLO_1 = "ghcr.io/acme/hello:0.1.0";
export const HELLO_2 = "ghcr.io/acme/hello:0.2.0";
export const HTTP_1 = "ghcr.io/wasmcloud/http-server:0.23.0";
export const HTTP_2 = "ghcr.io/wasmcloud/http-server:0.24.0";
export const WADM = { "wasmcloud.dev/managed-by": "wadm", "wasmcloud.dev/appspec": "shop" };

export function component(
  id: string,
  imageRef: string,
  patch: Partial<ComponentStatus> = {},
): ComponentStatus {
  return { id, imageRef, maxInstances: 1, annotations: {}, limits: null, ...patch };
}

export function provider(
  id: string,
  imageRef: string,
  patch: Partial<ProviderStatus> = {},
): ProviderStatus {
  return { id, imageRef, health: "healthy", annotations: {}, ...patch };
}

/** A host named `n<i>` in `zone`, running hello at `ref` (or nothing when `ref` is null). */
export function helloHost(i: number, ref: string | null, patch: Partial<Host> = {}): Host {
  return host(`N${i}`, {
    friendlyName: `n${String(i).padStart(2, "0")}`,
    components: ref === null ? [] : [component("hello", ref)],
    ...patch,
  });
}

export function link(patch: Partial<ApiLinkShape> = {}): ApiLinkShape {
  return {
    sourceId: "hello",
    target: "kv",
    name: "default",
    witNamespace: "wasi",
    witPackage: "keyvalue",
    interfaces: ["store"],
    sourceConfig: [],
    targetConfig: [],
    ...patch,
  };
}

export interface Lattice {
  hosts: Host[];
  links?: ApiLinkShape[];
  configs?: Record<string, Record<string, string>>;
  knownConfig?: Partial<PlanInput["knownConfig"]>;
}

/** A PlanInput from a spec as a client would send it (defaults applied by the schema). */
export function planInput(spec: RolloutSpecInput, lattice: Lattice): PlanInput {
  const configs = lattice.configs ?? {};
  return {
    spec: RolloutSpec.parse(spec),
    hosts: lattice.hosts,
    links: lattice.links ?? [],
    configValues: (name) => (Object.hasOwn(configs, name) ? (configs[name] ?? null) : null),
    knownConfig: {
      component: lattice.knownConfig?.component ?? {},
      provider: lattice.knownConfig?.provider ?? {},
    },
  };
}

type ComponentChangeInput = z.input<typeof ComponentChange>;

/** A component change of hello to 0.2.0; `patch` adds what a row needs. */
export function updateHello(patch: Partial<ComponentChangeInput> = {}): ComponentChangeInput {
  return { kind: "component", id: "hello", imageRef: HELLO_2, ...patch };
}
