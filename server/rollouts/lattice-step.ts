import "server-only";
import type { ApiLinkShape, LatticeStep } from "@/lib/schemas/rollout";
import type { ShellDeps } from "./shell-deps";

const sameKey = (a: ApiLinkShape, b: ApiLinkShape) =>
  a.sourceId === b.sourceId &&
  a.witNamespace === b.witNamespace &&
  a.witPackage === b.witPackage &&
  a.name === b.name;

const sameLink = (a: ApiLinkShape, b: ApiLinkShape) =>
  sameKey(a, b) && a.target === b.target && a.interfaces.join() === b.interfaces.join();

async function writeLink(deps: ShellDeps, step: ApiLinkShape, to: ApiLinkShape | null) {
  if (to === null) {
    await deps.ctl.deleteLink({
      sourceId: step.sourceId,
      name: step.name,
      witNamespace: step.witNamespace,
      witPackage: step.witPackage,
    });
    return;
  }
  await deps.ctl.putLink({
    source_id: to.sourceId,
    target: to.target,
    name: to.name,
    wit_namespace: to.witNamespace,
    wit_package: to.witPackage,
    interfaces: to.interfaces,
    source_config: to.sourceConfig,
    target_config: to.targetConfig,
  });
}

/** Whether the source's KV entry shows the link as it should be (protocol §6.4). */
async function linkLanded(deps: ShellDeps, key: ApiLinkShape, to: ApiLinkShape | null) {
  const links = await deps.readSourceLinks(key.sourceId);
  return to === null ? !links.some((l) => sameKey(l, key)) : links.some((l) => sameLink(l, to));
}

/**
 * Applies one lattice-wide step (config values or a link) and, for links, verifies the write
 * by reading the source's KV entry: link writes can silently lose each other (protocol §10),
 * so a lost write is written once more before it counts as failed.
 */
export async function runLatticeStep(
  deps: ShellDeps,
  step: LatticeStep,
  phase: "forward" | "rollback",
  log: (message: string) => void,
): Promise<string | undefined> {
  try {
    switch (step.kind) {
      case "config": {
        const values = phase === "forward" ? step.after : step.before;
        if (values === null) await deps.ctl.deleteConfig(step.id);
        else await deps.ctl.putConfig(step.id, values);
        log(`config ${step.id} ${values === null ? "deleted" : "put"}`);
        return undefined;
      }
      case "link": {
        const link = phase === "forward" ? step.after : step.before;
        const key = step.after ?? step.before;
        if (!key) return undefined;
        for (let attempt = 1; attempt <= 2; attempt += 1) {
          await writeLink(deps, key, link);
          if (await linkLanded(deps, key, link)) {
            log(`link ${step.id} ${link ? "put" : "deleted"}`);
            return undefined;
          }
          log(`link ${step.id}: the write did not land in LATTICEDATA (attempt ${attempt})`);
        }
        return `link ${step.id}: the write was lost twice`;
      }
    }
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
