/**
 * The production console under test: `next start` of the current build as a child process,
 * its resource use read from /proc (the process and its descendants), and its lattice summary
 * from `GET /api/lattices`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { LatticeList, type LatticeSummary } from "@/lib/schemas/lattice";
import { freePort } from "../ports";
import { killOnExit } from "./lattice";

const CLOCK_TICKS = 100; // USER_HZ on Linux
const PAGE_KB = 4;

export interface BenchConsole {
  base: string;
  child: ChildProcess;
  startedAt: number;
  /** The lattice's summary; `retries` for a console busy enough to drop a request. */
  summary(lattice: string, retries?: number): Promise<LatticeSummary | undefined>;
  /** Resident memory of the console's processes, in MB. */
  rssMb(): number;
  /** CPU seconds used so far by the console's processes. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // the process exited while being listed
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

export async function startConsole(opts: {
  natsUrl: string;
  lattice: string;
  env?: Record<string, string>;
}): Promise<BenchConsole> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)],
    {
      env: {
        ...process.env,
        NATS_URL: opts.natsUrl,
        LATTICES: opts.lattice,
        NEXT_TELEMETRY_DISABLED: "1",
        ...opts.env,
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  killOnExit(child);
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4_000);
  });
  const pid = child.pid ?? -1;
  const sum = (pick: (f: string[]) => number) =>
    descendants(pid).reduce((total, p) => {
      const fields = statFields(p);
      return total + (fields ? pick(fields) : 0);
    }, 0);
  return {
    base,
    child,
    startedAt,
    async summary(lattice, retries = 0) {
      for (let attempt = 0; ; attempt++) {
        if (child.exitCode !== null) throw new Error(`console exited:\n${log}`);
        const res = await fetch(`${base}/api/lattices`).catch(() => null);
        if (res?.ok)
          return LatticeList.parse(await res.json()).lattices.find((l) => l.name === lattice);
        if (attempt >= retries) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    // stat fields after the command name: [21] rss pages, [11] utime, [12] stime
    rssMb: () => (sum((f) => Number(f[21])) * PAGE_KB) / 1024,
    cpuSeconds: () => sum((f) => Number(f[11]) + Number(f[12])) / CLOCK_TICKS,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * Resolves with the time since start when the console's model holds every host and the first
 * discovery is done. Polls every 50 ms: that is the figure's resolution.
 */
export async function untilComplete(
  console_: BenchConsole,
  lattice: string,
  hostCount: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const s = await console_.summary(lattice);
    if (s?.ready && s.hostCount === hostCount) return performance.now() - console_.startedAt;
    if (performance.now() > deadline)
      throw new Error(`console model incomplete: ${JSON.stringify(s)} of ${hostCount} hosts`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
