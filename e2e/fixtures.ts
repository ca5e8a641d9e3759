import { expect, test as base, type Page } from "@playwright/test";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import {
  ctlSubject,
  CtlReply,
  DEFAULT_CTL_PREFIX,
  scaleComponentBody,
  type HostInventoryWire,
} from "@/lib/protocol";
import { simControl, startSimulatedLattice, type SimulatedLattice } from "@/server/simulator";
import type { SimCommand } from "@/server/simulator";

/** A simulated host as booted: its id, the name the console shows, its initial inventory. */
export interface SimHost {
  id: string;
  name: string;
  inventory: HostInventoryWire;
}

export interface LatticeFixture {
  name: string;
  sim: SimulatedLattice;
  nc: NatsConnection;
  /** The hosts booted for this worker, in boot order (the demo app places workloads by it). */
  hosts: SimHost[];
  control(command: SimCommand): Promise<unknown>;
  /** A real ctl v1 `component.scale` request, sent the way wadm or wash would (protocol §2.3). */
  scale(hostId: string, componentId: string, count: number, config?: string[]): Promise<void>;
}

/**
 * The console under test watches lattice `E2E_LATTICE` (playwright.config.ts); this worker
 * fixture boots the simulated hosts of that lattice once per worker, with 1 s heartbeats so a
 * crash turns stale within about 3 s.
 */
export const test = base.extend<object, { lattice: LatticeFixture }>({
  lattice: [
    // Playwright reads fixture dependencies from the destructuring pattern, so it must exist.
    async ({}, use) => {
      const natsUrl = process.env.NATS_URL ?? "";
      const name = process.env.E2E_LATTICE ?? "e2e";
      const nc = await connect({ servers: natsUrl, name: "e2e-tests" });
      const sim = await startSimulatedLattice({
        natsUrl,
        lattice: name,
        hosts: 6,
        seed: 7,
        heartbeatSeconds: 1,
        fast: true,
        deployApp: true,
      });
      // Captured at boot: tests change hosts (a crashed one has no inventory any more).
      const hosts = sim.hostIds().flatMap((id) => {
        const inventory = sim.inventory(id);
        return inventory
          ? [{ id, name: inventory.friendly_name ?? id, inventory: structuredClone(inventory) }]
          : [];
      });
      const control = (command: SimCommand) => simControl(nc, name, command);
      const scale = async (
        hostId: string,
        componentId: string,
        count: number,
        config: string[] = [],
      ) => {
        const running = sim.inventory(hostId)?.components?.find((c) => c.id === componentId);
        // The current annotations go along: a rescale replaces them (protocol §10).
        const body = scaleComponentBody({
          hostId,
          componentId,
          componentRef: running?.image_ref ?? "",
          count,
          annotations: running?.annotations ?? {},
          config,
        });
        const subject = ctlSubject(DEFAULT_CTL_PREFIX, name, "component", "scale", hostId);
        const msg = await nc.request(subject, JSON.stringify(body), { timeout: 5_000 });
        const reply = CtlReply.parse(msg.json());
        if (!reply.success) throw new Error(`scale refused: ${reply.message}`);
      };
      await use({ name, sim, nc, hosts, control, scale });
      await sim.stop();
      await nc.close();
    },
    { scope: "worker", timeout: 60_000 },
  ],
});

export { expect };

/** Marks the document so a test can prove a change arrived without a reload. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.dataset.e2eMarker = "kept";
  });
}

export async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.dataset.e2eMarker)).toBe("kept");
}

/** The indicator in the header: an aria-live status naming the live-feed state. */
export function connectionStatus(page: Page) {
  return page.getByRole("status").filter({ hasText: /Live updates:/ });
}

export function hostTable(page: Page) {
  return page.getByRole("table", { name: /Hosts of lattice/ });
}

export function hostRow(page: Page, hostName: string) {
  return hostTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: hostName, exact: true }) });
}
