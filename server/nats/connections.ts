import "server-only";
import { ManagedConnection, type ConnectionOptions } from "./managed-connection";

type Registry = { connections: Map<string, ManagedConnection>; shutdownHooked: boolean };

// Kept on globalThis so dev hot reload and the separate route bundles share one connection
// per lattice per process (DESIGN.md "Decisions already made").
const g = globalThis as typeof globalThis & { __latticeNats?: Registry };

function registry(): Registry {
  g.__latticeNats ??= { connections: new Map(), shutdownHooked: false };
  return g.__latticeNats;
}

/** The process-wide connection for a lattice, opened on first use. */
export function latticeConnection(
  lattice: string,
  options: Omit<ConnectionOptions, "name">,
): ManagedConnection {
  const reg = registry();
  let conn = reg.connections.get(lattice);
  if (!conn) {
    conn = new ManagedConnection({ ...options, name: `lattice-console:${lattice}` });
    reg.connections.set(lattice, conn);
    hookShutdown(reg);
  }
  return conn;
}

/** Drains and closes every connection (shutdown, tests). */
export async function closeAllConnections(): Promise<void> {
  const reg = registry();
  const all = [...reg.connections.values()];
  reg.connections.clear();
  await Promise.all(all.map((c) => c.close()));
}

function hookShutdown(reg: Registry): void {
  if (reg.shutdownHooked) return;
  reg.shutdownHooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      // Next's server installs its own handlers and exits after closing HTTP; only when no one
      // else listens must this handler end the process (a listener disables the default exit).
      const isAlone = process.listenerCount(signal) === 0;
      void closeAllConnections().finally(() => {
        if (isAlone) process.exit(0);
      });
    });
  }
}
