import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { MODES, SIZE_FIGURES } from "@/scripts/bench/modes";
import { BenchResult } from "@/scripts/bench/table";

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), "bench-smoke-"));

// The whole benchmark at a tiny size (nats-server, simulators, `next start`, Chromium), so it
// cannot rot: every row present, every measured figure a finite number.
describe("npm run bench -- --smoke", () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("prints and writes a table with every figure measured at the smoke size", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "scripts/bench.ts", "--smoke", "--out", out],
      { timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const files = readdirSync(out).filter((f) => f.endsWith("-smoke.json"));
    expect(files).toHaveLength(1);
    const result = BenchResult.parse(JSON.parse(readFileSync(join(out, files[0] ?? ""), "utf8")));

    for (const hosts of MODES.smoke.allSizes) {
      for (const id of SIZE_FIGURES) {
        const row = result.rows.find((r) => r.id === id && r.hosts === hosts);
        expect(row, `${id} at ${hosts} hosts`).toMatchObject({ status: "measured" });
        expect(Number.isFinite(row?.value), `${id} is a number`).toBe(true);
        expect(stdout).toContain(row?.figure);
      }
    }
    for (const id of ["core.inventory", "core.heartbeats", "core.events", "core.snapshot"])
      expect(Number.isFinite(result.rows.find((r) => r.id === id)?.value)).toBe(true);
    for (const id of ["planner", "rollout.wall", "rollout.overhead", "rollout.rollback"])
      expect(Number.isFinite(result.rows.find((r) => r.id === id)?.value), id).toBe(true);
    // One NATS subscription for all browsers: more streams, not more messages.
    const nats = result.rows.find((r) => r.id === "nats.messages");
    expect(nats?.baseline?.value).toBeGreaterThan(0);
  }, 300_000);
});
