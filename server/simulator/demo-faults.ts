import type { NatsConnection } from "@nats-io/transport-node";
import { SimControlError, simControl } from "./control-client";
import type { SimCommand } from "./control-schema";
import { DEMO_BROKEN_REF } from "./demo-manifest";

/** The faults `npm run demo` arms at start: the demo's broken build cannot be fetched. */
export const DEMO_FAULTS: readonly SimCommand[] = [
  { op: "fail-image", imageRef: DEMO_BROKEN_REF, error: "manifest unknown" },
];

/**
 * Sends the demo faults to a simulated lattice that may still be booting (its control subject
 * answers once the lattice object exists, before the hosts): retries until `deadlineMs`.
 */
export async function armDemoFaults(
  nc: NatsConnection,
  lattice: string,
  deadlineMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (const command of DEMO_FAULTS) {
    for (;;) {
      try {
        await simControl(nc, lattice, command, 2_000);
        break;
      } catch (e) {
        // a refusal is final; no responders or a timeout means the simulator is still booting
        if (e instanceof SimControlError || Date.now() > deadline) throw e;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
}
