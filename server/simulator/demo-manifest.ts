import type { Link } from "@/lib/protocol";

/**
 * The demo app: what `deployApp` puts on the lattice. Plain data; demo-app.ts deploys it.
 */
export const DEMO_PROVIDERS = [
  { id: "http-server", ref: "ghcr.io/wasmcloud/http-server:0.23.0", config: [] },
  { id: "kv-redis", ref: "ghcr.io/wasmcloud/keyvalue-redis:0.28.1", config: ["kv-redis-url"] },
] as const;

const WADM = {
  "wasmcloud.dev/managed-by": "wadm",
  "wasmcloud.dev/appspec": "inventory",
  "wasmcloud.dev/scaler": "inventory-inventory-worker-spreadscaler",
  "wasmcloud.dev/spread_name": "default",
};

/** Components of the demo app; `placement(index, zone)` decides which hosts run one. */
export const DEMO_COMPONENTS = [
  {
    id: "http-api",
    ref: "ghcr.io/acme/http-api:1.4.0",
    count: 16,
    config: ["http-api-config"],
    annotations: {},
    placement: () => true,
  },
  {
    id: "counter",
    ref: "ghcr.io/acme/counter:0.8.1",
    count: 4,
    config: ["counter-config"],
    annotations: {},
    placement: () => true,
  },
  {
    id: "greeter",
    ref: "ghcr.io/acme/greeter:2.1.0",
    count: 8,
    config: ["greeter-config"],
    annotations: {},
    placement: (_i: number, zone: string) => zone !== "c",
  },
  {
    id: "inventory-worker",
    ref: "ghcr.io/acme/inventory-worker:0.3.0",
    count: 2,
    config: [],
    annotations: WADM,
    placement: (i: number) => i % 2 === 0,
  },
];
/** The older tag a couple of hosts still run: version skew for the console to show. */
export const DEMO_SKEWED = { id: "http-api", ref: "ghcr.io/acme/http-api:1.3.2" };

/** Newer refs a demo rollout can move each workload to; any ref starts unless a fault says no. */
export const DEMO_UPGRADES = {
  "http-api": "ghcr.io/acme/http-api:1.5.0",
  counter: "ghcr.io/acme/counter:0.9.0",
  greeter: "ghcr.io/acme/greeter:2.2.0",
  "http-server": "ghcr.io/wasmcloud/http-server:0.24.0",
} as const;

/**
 * A build of `http-api` that cannot be pulled: the demo arms a `fail-image` fault for it, so a
 * rollout to it fails (a silent update failure, or `component_scale_failed`, protocol §7).
 */
export const DEMO_BROKEN_REF = "ghcr.io/acme/http-api:1.5.0-broken";

export const DEMO_CONFIGS: Record<string, Record<string, string>> = {
  "http-api-config": { port: "8080", log_level: "info" },
  "counter-config": { bucket: "counters" },
  "greeter-config": { greeting: "Hello" },
  "kv-redis-url": { url: "redis://redis.acme.internal:6379" },
};

const http = { wit_namespace: "wasi", wit_package: "http", interfaces: ["incoming-handler"] };
const kv = { wit_namespace: "wasi", wit_package: "keyvalue", interfaces: ["store", "atomics"] };
export const DEMO_LINKS: Partial<Link>[] = [
  {
    source_id: "http-server",
    target: "http-api",
    name: "default",
    ...http,
    source_config: ["http-api-config"],
  },
  // a second HTTP route needs its own link name: same source/namespace/package/name would conflict
  { source_id: "http-server", target: "greeter", name: "greeter", ...http },
  {
    source_id: "http-api",
    target: "kv-redis",
    name: "default",
    ...kv,
    target_config: ["kv-redis-url"],
  },
  {
    source_id: "counter",
    target: "kv-redis",
    name: "default",
    ...kv,
    target_config: ["kv-redis-url"],
  },
  {
    source_id: "inventory-worker",
    target: "kv-redis",
    name: "default",
    ...kv,
    interfaces: ["store"],
  },
  {
    source_id: "http-api",
    target: "counter",
    name: "default",
    wit_namespace: "acme",
    wit_package: "counter",
    interfaces: ["count"],
  },
];
