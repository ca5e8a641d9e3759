/**
 * The benchmark's one table: every figure with its unit, the baseline measured in the same run
 * where one exists, and the target from issue 8. Written as JSON under bench/results/ and read
 * back by the smoke test, so its shape is a schema.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const BenchRow = z.object({
  /** Stable key of the figure, e.g. `page.steady.p95`; with `hosts` it names a row. */
  id: z.string(),
  figure: z.string(),
  hosts: z.number().int().nullable(),
  status: z.enum(["measured", "pending", "skipped"]),
  value: z.number().nullable(),
  unit: z.string(),
  baseline: z.object({ figure: z.string(), value: z.number() }).nullable(),
  target: z.string().nullable(),
  note: z.string().nullable(),
});
export type BenchRow = z.infer<typeof BenchRow>;

export const BenchResult = z.object({
  mode: z.enum(["smoke", "quick", "full"]),
  startedAt: z.string(),
  machine: z.object({ cpus: z.number(), cpuModel: z.string(), memoryMb: z.number() }),
  rows: z.array(BenchRow),
});
export type BenchResult = z.infer<typeof BenchResult>;

type RowInput = Pick<BenchRow, "id" | "figure" | "unit"> &
  Partial<Pick<BenchRow, "hosts" | "baseline" | "target" | "note">>;

export function measured(row: RowInput, value: number): BenchRow {
  return {
    hosts: null,
    baseline: null,
    target: null,
    note: null,
    ...row,
    status: "measured",
    value,
  };
}

export function notMeasured(row: RowInput, status: "pending" | "skipped", note: string): BenchRow {
  return {
    hosts: null,
    baseline: null,
    target: null,
    ...row,
    note,
    status,
    value: null,
  };
}

const fmt = (v: number) =>
  Math.abs(v) >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(Math.abs(v) >= 10 ? 1 : 2);

/** The table as fixed-width text, one row per figure. */
export function formatTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.figure,
    r.hosts === null ? "" : r.hosts.toLocaleString("en-US"),
    r.status === "measured" && r.value !== null ? `${fmt(r.value)} ${r.unit}` : r.status,
    r.baseline ? `${fmt(r.baseline.value)} ${r.unit} (${r.baseline.figure})` : "",
    r.target ?? "",
    r.note ?? "",
  ]);
  const head = ["figure", "hosts", "value", "baseline", "target", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 1 || i === 2 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join(" | ")
      .trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line)].join("\n");
}

/** Writes the result as `bench/results/<time>-<mode>.json` and returns the path. */
export function writeResult(result: BenchResult, dir = "bench/results"): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${result.startedAt.replace(/[:.]/g, "-")}-${result.mode}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
