import { z } from "zod";

const StringMap = z.record(z.string(), z.string());

/** A component in a host inventory (protocol §5.1). Unknown fields are tolerated. */
export const ComponentDescription = z.object({
  id: z.string(),
  image_ref: z.string(),
  name: z.string().optional(),
  annotations: StringMap.nullish().transform((a) => a ?? {}),
  revision: z.number().default(0),
  max_instances: z.number().int().nonnegative(),
  limits: StringMap.nullish(),
});
export type ComponentDescription = z.output<typeof ComponentDescription>;

export const ProviderDescription = z.object({
  id: z.string(),
  image_ref: z.string().default(""),
  name: z.string().optional(),
  annotations: StringMap.nullish().transform((a) => a ?? {}),
  revision: z.number().default(0),
});
export type ProviderDescription = z.output<typeof ProviderDescription>;

/**
 * `host.get` response and `host_heartbeat` data (protocol §5.1). Parsers accept the legacy key
 * `actors` for `components`.
 */
export const HostInventory = z
  .object({
    host_id: z.string().min(1),
    friendly_name: z.string().default(""),
    version: z.string().default(""),
    labels: StringMap.default({}),
    uptime_human: z.string().default(""),
    uptime_seconds: z.number().nonnegative().default(0),
    components: z.array(ComponentDescription).optional(),
    actors: z.array(ComponentDescription).optional(),
    providers: z.array(ProviderDescription).default([]),
  })
  .transform(({ actors, components, ...rest }) => ({
    ...rest,
    components: components ?? actors ?? [],
  }));
export type HostInventory = z.output<typeof HostInventory>;
/** What a host sends: the input side of the schema, without the legacy alias. */
export type HostInventoryWire = Omit<z.input<typeof HostInventory>, "actors">;

/** One `host.ping` reply's `response` (protocol §5.2): note `id`, not `host_id`. */
export const PingHost = z.object({
  id: z.string().min(1),
  friendly_name: z.string().default(""),
  labels: StringMap.default({}),
  lattice: z.string().optional(),
  version: z.string().default(""),
  uptime_seconds: z.number().nonnegative().default(0),
  uptime_human: z.string().default(""),
  ctl_host: z.string().optional(),
  rpc_host: z.string().optional(),
  js_domain: z.string().optional(),
});
export type PingHost = z.output<typeof PingHost>;
