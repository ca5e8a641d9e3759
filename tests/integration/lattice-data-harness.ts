import { DEFAULT_CTL_PREFIX } from "@/lib/protocol";
import { CtlClient, LatticeData, type Logger } from "@/server/lattice";
import { ManagedConnection } from "@/server/nats";

export interface TestLatticeData {
  data: LatticeData;
  ctl: CtlClient;
  connection: ManagedConnection;
  warnings: string[];
  dispose(): Promise<void>;
}

/** A `LatticeData` on its own connection, retrying absent buckets quickly, logging to an array. */
export function startLatticeData(natsUrl: string, lattice: string): TestLatticeData {
  const connection = new ManagedConnection({ servers: natsUrl, name: `test-data-${lattice}` });
  const ctl = new CtlClient({
    lattice,
    prefix: DEFAULT_CTL_PREFIX,
    connection: () => connection.connection,
  });
  const warnings: string[] = [];
  const logger: Logger = { info: () => {}, warn: (m) => warnings.push(m) };
  const data = new LatticeData({ lattice, connection, retryMs: 100, logger });
  return {
    data,
    ctl,
    connection,
    warnings,
    dispose: async () => {
      data.stop();
      await connection.close();
    },
  };
}

/**
 * Resolves once `check` holds, re-checking on every change of the lattice data (no polling);
 * fails naming `what` at the deadline.
 */
export function whenData(
  data: LatticeData,
  what: string,
  check: () => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const off = data.onChange(() => {
      if (!check()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
