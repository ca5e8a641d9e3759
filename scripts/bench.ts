/**
 * `npm run bench [-- --quick | --smoke] [--hosts N[,M]]`: every figure of issue 8 in one table, each beside
 * its baseline from the same run, printed and written as JSON under bench/results/. Runs a
 * real nats-server, simulated hosts in child processes, the production console (`next build`
 * unless BENCH_SKIP_BUILD=1; `--smoke` reuses an existing build) and Debian's Chromium.
 * `--out DIR` writes the JSON elsewhere.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { MODES, parseMode, SIZE_FIGURES, withHostsOption } from "./bench/modes";
import { openBrowser } from "./bench/page";
import { benchReducer } from "./bench/reducer";
import { benchPlanner, benchRollout } from "./bench/rollouts";
import { runSize } from "./bench/run-size";
import { formatTable, notMeasured, writeResult, type BenchRow } from "./bench/table";

async function main(): Promise<void> {
  const mode = parseMode(process.argv);
  const config = withHostsOption(MODES[mode], process.argv);
  const outAt = process.argv.indexOf("--out");
  const outDir = outAt > 0 ? process.argv[outAt + 1] : undefined;
  const log = (line: string) => console.error(`[bench] ${line}`);
  const startedAt = new Date().toISOString();

  const reuse =
    process.env.BENCH_SKIP_BUILD === "1" || (mode === "smoke" && existsSync(".next/BUILD_ID"));
  if (!reuse) {
    log("next build");
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "ignore",
    });
  }

  const rows: BenchRow[] = [];
  rows.push(...benchReducer(Math.max(...config.sizes)));
  const browser = await openBrowser();
  try {
    for (const hosts of config.allSizes) {
      if (config.sizes.includes(hosts)) rows.push(...(await runSize(hosts, config, browser, log)));
      else
        for (const id of SIZE_FIGURES)
          rows.push(notMeasured({ id, figure: id, hosts, unit: "" }, "skipped", "full mode only"));
    }
  } finally {
    await browser.close();
  }
  rows.push(...benchPlanner(config.plannerSizes));
  log(`rolling rollout, ${config.rollout.hosts} hosts`);
  rows.push(...(await benchRollout({ ...config.rollout, log })));

  console.log(
    `\nLattice Console benchmark, ${mode} mode, ${cpus().length} cores (${cpus()[0]?.model ?? "?"})\n`,
  );
  console.log(formatTable(rows));
  const path = writeResult(
    {
      mode,
      startedAt,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        memoryMb: Math.round(totalmem() / 2 ** 20),
      },
      rows,
    },
    outDir,
  );
  console.log(`\nwritten to ${path}`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
