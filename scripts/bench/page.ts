/**
 * End-to-end figure: a change on a host until it is painted in an open browser page. Builds
 * and runs the production build (BENCH_SKIP_BUILD=1 reuses the current one) against a real
 * nats-server and the simulated lattice, with Debian's Chromium.
 */
import { chromium } from "@playwright/test";
import { connect } from "@nats-io/transport-node";
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { startSimulatedLattice } from "@/server/simulator";
import { freePort, NatsServer } from "../../tests/helpers/nats-server";
import { waitFor } from "../demo-processes";
import { scaleCounter } from "./scale";
import { ms, now, percentile, report } from "./stats";

export async function benchPage(hostCount: number, changes: number): Promise<void> {
  console.log(`\n# page: production build + Chromium, ${hostCount} simulated hosts`);
  if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(".next/BUILD_ID")) {
    execFileSync("npx", ["next", "build"], { stdio: "ignore" });
  }
  const server = await NatsServer.start();
  const lattice = "benchpage";
  const port = await freePort();
  const app = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, NATS_URL: server.url, LATTICES: lattice, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const sim = await startSimulatedLattice({
      natsUrl: server.url,
      lattice,
      hosts: hostCount,
      fast: true,
      deployApp: true,
    });
    await waitFor("the console", async () => (await fetch(`${base}/api/health`)).ok, 60_000);
    const nc = await connect({ servers: server.url });
    const hostId = sim.hostIds()[0] ?? "";
    const page = await browser.newPage();
    await page.goto(`${base}/lattices/${lattice}/hosts/${hostId}`);
    await page.getByRole("row", { name: /counter/ }).waitFor();

    const latencies: number[] = [];
    for (let i = 0; i < changes; i++) {
      const count = 20 + i;
      const painted = page.waitForFunction(
        (expected) =>
          [...document.querySelectorAll("tr")].some(
            (tr) =>
              tr.textContent?.includes("counter") &&
              [...tr.cells].some((cell) => cell.textContent?.trim() === expected),
          ),
        String(count),
        { polling: "raf", timeout: 10_000 },
      );
      const sent = now();
      await scaleCounter(nc, lattice, hostId, count);
      await painted;
      latencies.push(ms(sent));
    }
    report(`scale → painted in the page, p50 of ${changes}`, percentile(latencies, 50), "ms");
    report(`scale → painted in the page, p95 of ${changes}`, percentile(latencies, 95), "ms");
    await nc.close();
    await sim.stop();
  } finally {
    await browser.close();
    if (app.pid) process.kill(-app.pid, "SIGTERM");
    await server.dispose();
  }
}
