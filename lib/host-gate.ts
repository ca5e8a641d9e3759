import type { LatticeEvent } from "@/lib/protocol";
import type { Host } from "@/lib/schemas/host";

/**
 * What a gate needs from a host model: `LatticeObserver` provides it, and so does an adapter over
 * the simulated hosts (the demo deployment), which may import only `lib/` (DESIGN.md "Layers").
 */
export interface GateSource {
  host(id: string): Host | undefined;
  onEvent(listener: (event: LatticeEvent) => void): () => void;
  /** Called with the ids of hosts whose model changed (events, inventories, heartbeats). */
  onHostsChanged(listener: (hostIds: readonly string[]) => void): () => void;
  /** Called after the observer re-read the lattice (reconnect, forced resync). */
  onResync(listener: (reason: string) => void): () => void;
}

export interface HostGate {
  hostId: string;
  /** The condition the host's model must reach. */
  until: (host: Host | undefined) => boolean;
  /** An event from this host that fails the gate at once: returns the reason, or undefined. */
  failOn?: (event: LatticeEvent) => string | undefined;
  /** An event from this host that passes the gate at once (when the model cannot tell). */
  passOn?: (event: LatticeEvent) => boolean;
  /** Epoch ms. */
  deadline: number;
  signal?: AbortSignal;
  now?: () => number;
}

export type GateOutcome =
  | { kind: "passed"; host: Host | undefined }
  | { kind: "failed"; reason: string }
  | { kind: "deadline" }
  | { kind: "aborted" };

/**
 * Waits until a host's model satisfies a predicate, a failure event arrives from that host
 * (identity = CloudEvent `source`, protocol §3.2), the deadline passes, or the signal aborts.
 * The predicate is re-checked on every change of that host's model and after every resync, so
 * a gate survives reconnects and missed events (protocol §10 "Outcomes"): what the inventory
 * says decides.
 */
export function waitForHost(source: GateSource, gate: HostGate): Promise<GateOutcome> {
  const now = gate.now ?? Date.now;
  return new Promise((resolve) => {
    const cleanups: (() => void)[] = [];
    let settled = false;
    const settle = (outcome: GateOutcome) => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      resolve(outcome);
    };
    const check = () => {
      const host = source.host(gate.hostId);
      if (gate.until(host)) settle({ kind: "passed", host });
    };
    if (gate.signal?.aborted) return settle({ kind: "aborted" });
    check();
    if (settled) return;
    const onAbort = () => settle({ kind: "aborted" });
    gate.signal?.addEventListener("abort", onAbort, { once: true });
    cleanups.push(() => gate.signal?.removeEventListener("abort", onAbort));
    const timer = setTimeout(
      () => settle({ kind: "deadline" }),
      Math.max(0, gate.deadline - now()),
    );
    cleanups.push(() => clearTimeout(timer));
    cleanups.push(
      source.onEvent((event) => {
        if (event.source !== gate.hostId) return;
        const reason = gate.failOn?.(event);
        if (reason !== undefined) settle({ kind: "failed", reason });
        else if (gate.passOn?.(event)) settle({ kind: "passed", host: source.host(gate.hostId) });
      }),
    );
    cleanups.push(
      source.onHostsChanged((ids) => {
        if (ids.includes(gate.hostId)) check();
      }),
    );
    cleanups.push(source.onResync(() => check()));
  });
}
