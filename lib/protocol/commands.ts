import { z } from "zod";

const StringMap = z.record(z.string(), z.string());

/**
 * Control-interface request bodies (protocol §2), decoded leniently as hosts do: required
 * fields per the protocol, defaults for the rest, unknown fields ignored. The scale value is
 * read only from `count`; a body carrying just `max_instances` means 0 (§2.3 wire-name trap).
 */
export const ScaleComponentCommand = z.object({
  component_id: z.string(),
  component_ref: z.string().default(""),
  count: z.number().int().nonnegative().default(0),
  host_id: z.string().default(""),
  annotations: StringMap.nullish().transform((a) => a ?? {}),
  config: z.array(z.string()).default([]),
  allow_update: z.boolean().default(false),
  component_limits: StringMap.nullish(),
});
export type ScaleComponentCommand = z.input<typeof ScaleComponentCommand>;

export const UpdateComponentCommand = z.object({
  component_id: z.string().default(""),
  new_component_ref: z.string().default(""),
  host_id: z.string().default(""),
  annotations: StringMap.nullish().transform((a) => a ?? {}),
});
export type UpdateComponentCommand = z.input<typeof UpdateComponentCommand>;

export const StartProviderCommand = z.object({
  provider_id: z.string(),
  provider_ref: z.string().default(""),
  host_id: z.string().default(""),
  config: z.array(z.string()).default([]),
  annotations: StringMap.nullish().transform((a) => a ?? {}),
});
export type StartProviderCommand = z.input<typeof StartProviderCommand>;

export const StopProviderCommand = z
  .object({
    host_id: z.string().default(""),
    provider_id: z.string().optional(),
    provider_ref: z.string().optional(),
  })
  .refine((c) => c.provider_id !== undefined || c.provider_ref !== undefined, {
    message: "provider_id is required",
  })
  .transform((c) => ({ host_id: c.host_id, provider_id: c.provider_id ?? c.provider_ref ?? "" }));
export type StopProviderCommand = z.input<typeof StopProviderCommand>;

export const StopHostCommand = z.object({
  host_id: z.string().optional(),
  timeout: z.number().int().nonnegative().optional(),
});

export const PutLabelCommand = z.object({ key: z.string(), value: z.string() });
export const DeleteLabelCommand = z.object({ key: z.string() });

/** A link (protocol §6.1). */
export const Link = z.object({
  source_id: z.string(),
  target: z.string(),
  name: z.string().default("default"),
  wit_namespace: z.string(),
  wit_package: z.string(),
  interfaces: z.array(z.string()),
  source_config: z.array(z.string()).default([]),
  target_config: z.array(z.string()).default([]),
});
export type Link = z.output<typeof Link>;

export const DeleteLinkCommand = z.object({
  source_id: z.string(),
  name: z.string().default("default"),
  wit_namespace: z.string(),
  wit_package: z.string(),
});

export const ConfigValues = z.record(z.string(), z.string());

/** Auction bodies (protocol §2.2): ids and constraints are mandatory. */
export const ComponentAuction = z.object({
  component_ref: z.string(),
  component_id: z.string(),
  constraints: StringMap,
});
export const ProviderAuction = z.object({
  provider_ref: z.string(),
  provider_id: z.string(),
  constraints: StringMap,
});
