import "server-only";
import type { ApiLink } from "@/lib/schemas/lattice-data";
import type { CtlClient, LatticeObserver } from "@/server/lattice";

/** What the executor's shell talks to: the lattice through ctl, its model, its KV data. */
export interface ShellDeps {
  ctl: Pick<
    CtlClient,
    | "updateComponent"
    | "scaleComponent"
    | "startProvider"
    | "stopProvider"
    | "putConfig"
    | "deleteConfig"
    | "putLink"
    | "deleteLink"
  >;
  observer: Pick<LatticeObserver, "host" | "waitForHost" | "refreshHost">;
  /** A fresh read of a link source's `COMPONENT_{id}` entry, to verify link writes. */
  readSourceLinks: (sourceId: string) => Promise<ApiLink[]>;
}
