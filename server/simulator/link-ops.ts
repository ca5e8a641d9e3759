import { DeleteLinkCommand, Link } from "@/lib/protocol";
import { decode, fail, ok, type CtlResult } from "./ctl";
import type { SimHost } from "./host";

const CONFLICT =
  "link already exists with different target, consider deleting the existing link or using a different link name";

/**
 * `link.put` (protocol §6.1): validate named configs, refuse a link sharing an interface with
 * a different target under the same (source, namespace, package, name), replace an identical
 * one or append; `linkdef_set` or `linkdef_set_failed` just before the reply.
 */
export async function putLink(host: SimHost, body: Uint8Array): Promise<CtlResult> {
  const link = decode(Link, body, "failed to deserialize wrpc link definition");
  const refuse = (error: string) => {
    host.emit("linkdef_set_failed", { ...link, error });
    return fail(error);
  };
  const missing = await host.ctx.store.missingConfigs([
    ...link.source_config,
    ...link.target_config,
  ]);
  if (missing.length > 0) {
    const text = missing.map((n) => `Configuration ${n} not found in config store. `).join("");
    return refuse(`Failed to validate configuration and secrets. ${text}`);
  }
  const sameSlot = (l: Link) =>
    l.wit_namespace === link.wit_namespace &&
    l.wit_package === link.wit_package &&
    l.name === link.name;
  let isConflict = false;
  await host.ctx.store.modifySpec(
    link.source_id,
    (spec = { url: "", links: [] }) => {
      isConflict = spec.links.some(
        (l) =>
          sameSlot(l) &&
          l.target !== link.target &&
          l.interfaces.some((i) => link.interfaces.includes(i)),
      );
      if (isConflict) return undefined;
      const others = spec.links.filter((l) => !(sameSlot(l) && l.target === link.target));
      return { ...spec, links: [...others, link] };
    },
    host.ctx.faults.lossyWriteWindowMs(link.source_id),
  );
  if (isConflict) return refuse(CONFLICT);
  host.emit("linkdef_set", link);
  return ok("successfully set link");
}

/**
 * `link.del` (protocol §6.1): keyed without target/interfaces; idempotent, except that a
 * source with no spec at all gets a distinct message and no event.
 */
export async function deleteLink(host: SimHost, body: Uint8Array): Promise<CtlResult> {
  const key = decode(DeleteLinkCommand, body, "failed to deserialize wrpc link definition");
  const matches = (l: Link) =>
    l.wit_namespace === key.wit_namespace &&
    l.wit_package === key.wit_package &&
    l.name === key.name;
  let hasSpec = false;
  let existing: Link | undefined;
  await host.ctx.store.modifySpec(
    key.source_id,
    (spec) => {
      hasSpec = spec !== undefined;
      existing = spec?.links.find(matches);
      return spec && { ...spec, links: spec.links.filter((l) => !matches(l)) };
    },
    host.ctx.faults.lossyWriteWindowMs(key.source_id),
  );
  if (!hasSpec) return ok("successfully deleted link (spec doesn't exist)");
  host.emit(
    "linkdef_deleted",
    existing ? { ...key, target: existing.target, interfaces: existing.interfaces } : { ...key },
  );
  return ok("successfully deleted link");
}

/** `link.get`: every link of the lattice. */
export async function getLinks(host: SimHost): Promise<CtlResult> {
  return ok("", await host.ctx.store.allLinks());
}
