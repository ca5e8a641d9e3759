import { z } from "zod";

/**
 * A link as the API shows it (API.md "Lattice status"): the wire `Link` of protocol §6.1 in
 * camelCase, read from `LATTICEDATA_{lattice}` where links are stored under their source (§6.4).
 */
export const ApiLink = z.object({
  sourceId: z.string(),
  target: z.string(),
  name: z.string(),
  witNamespace: z.string(),
  witPackage: z.string(),
  interfaces: z.array(z.string()),
  sourceConfig: z.array(z.string()),
  targetConfig: z.array(z.string()),
});
export type ApiLink = z.infer<typeof ApiLink>;

/**
 * A named config of `CONFIGDATA_{lattice}` (protocol §6.2). A `SECRET_*` entry is a reference
 * into a secrets backend: it is listed by name only, never with its values.
 */
export const ApiConfig = z.union([
  z.object({ name: z.string(), values: z.record(z.string(), z.string()) }).strict(),
  z.object({ name: z.string(), secret: z.literal(true) }).strict(),
]);
export type ApiConfig = z.infer<typeof ApiConfig>;

export const LinkList = z.object({ links: z.array(ApiLink) });
export type LinkList = z.infer<typeof LinkList>;

export const ConfigList = z.object({ configs: z.array(ApiConfig) });
export type ConfigList = z.infer<typeof ConfigList>;
