import "server-only";
// The gate is pure (no NATS, no clock of its own), so it lives in lib/ where the simulator's
// demo deployment can use it too; the observer and rollouts keep importing it from here.
export { waitForHost } from "@/lib/host-gate";
export type { GateOutcome, GateSource, HostGate } from "@/lib/host-gate";
