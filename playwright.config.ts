import { defineConfig, devices } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// This file is evaluated in the runner and again in each worker: choose ports and dirs once
// and keep them in the environment, which workers inherit.
function freePort(): string {
  return execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
process.env.E2E_APP_PORT ??= freePort();
process.env.E2E_NATS_PORT ??= freePort();
process.env.E2E_NATS_DIR ??= mkdtempSync(join(tmpdir(), "e2e-nats-"));
process.env.E2E_LATTICE ??= "e2e";
const appPort = process.env.E2E_APP_PORT;
const natsPort = process.env.E2E_NATS_PORT;
process.env.NATS_URL = `nats://127.0.0.1:${natsPort}`;

export default defineConfig({
  testDir: "./e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: { baseURL: `http://127.0.0.1:${appPort}`, trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--headless=new",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  // webServers start before globalSetup, so NATS must be a webServer too.
  webServer: [
    {
      command: `nats-server -js -sd ${process.env.E2E_NATS_DIR} -a 127.0.0.1 -p ${natsPort}`,
      port: Number(natsPort),
      reuseExistingServer: false,
      timeout: 15_000,
      stderr: "ignore",
    },
    {
      command: `npx next build && npx next start -H 127.0.0.1 -p ${appPort}`,
      url: `http://127.0.0.1:${appPort}/`,
      reuseExistingServer: false,
      timeout: 300_000,
      env: {
        NATS_URL: process.env.NATS_URL,
        LATTICES: process.env.E2E_LATTICE,
        // The simulated hosts beat every second, so a crash is stale within ~3 s.
        HEARTBEAT_SECONDS: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
