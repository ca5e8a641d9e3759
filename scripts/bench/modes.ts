/** Sizes and durations of the benchmark's modes (`--smoke`, `--quick`, default full). */
export type BenchMode = "smoke" | "quick" | "full";

export interface ModeConfig {
  /** Lattice sizes to run; the figures' rows exist for every size in `allSizes`. */
  sizes: number[];
  allSizes: number[];
  simProcesses: (hosts: number) => number;
  steadySeconds: number;
  burstSeconds: number;
  streamClients: number;
  probeIntervalMs: number;
  rttSamples: number;
  /** Planner sizes (pure, synthetic hosts) and the rolling rollout against simulated hosts. */
  plannerSizes: number[];
  rollout: { hosts: number; maxUnavailable: number };
}

export const MODES: Record<BenchMode, ModeConfig> = {
  smoke: {
    sizes: [20],
    allSizes: [20],
    simProcesses: () => 2,
    steadySeconds: 3,
    burstSeconds: 2,
    streamClients: 5,
    probeIntervalMs: 250,
    rttSamples: 50,
    plannerSizes: [20],
    rollout: { hosts: 6, maxUnavailable: 3 },
  },
  quick: {
    sizes: [1_000],
    allSizes: [1_000, 10_000],
    simProcesses: () => 2,
    steadySeconds: 20,
    burstSeconds: 10,
    streamClients: 100,
    probeIntervalMs: 250,
    rttSamples: 500,
    plannerSizes: [1_000, 10_000],
    rollout: { hosts: 100, maxUnavailable: 10 },
  },
  full: {
    sizes: [1_000, 10_000],
    allSizes: [1_000, 10_000],
    simProcesses: (hosts) => Math.max(2, Math.ceil(hosts / 2_500)),
    steadySeconds: 60,
    burstSeconds: 20,
    streamClients: 100,
    probeIntervalMs: 250,
    rttSamples: 1_000,
    plannerSizes: [1_000, 10_000],
    rollout: { hosts: 1_000, maxUnavailable: 50 },
  },
};

export function parseMode(argv: string[]): BenchMode {
  if (argv.includes("--smoke")) return "smoke";
  if (argv.includes("--quick")) return "quick";
  return "full";
}

/** The figures whose rows exist for every size, in table order (the smoke test checks them). */
export const SIZE_FIGURES = [
  "model.complete",
  "page.fresh",
  "page.steady.p50",
  "page.steady.p95",
  "page.steady.p99",
  "console.rss",
  "console.cpu",
  "sse.p95",
  "nats.messages",
  "page.burst.p50",
  "page.burst.p95",
  "page.burst.p99",
] as const;

/**
 * `--hosts N[,M…]`: run only these lattice sizes, e.g. `--quick --hosts 10000` for the
 * 10,000-host figures with quick-mode phases. Simulators get at most 2,500 hosts each.
 */
export function withHostsOption(config: ModeConfig, argv: string[]): ModeConfig {
  const at = argv.indexOf("--hosts");
  if (at < 0) return config;
  const sizes = (argv[at + 1] ?? "")
    .split(",")
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  if (sizes.length === 0) throw new Error("--hosts needs host counts, e.g. --hosts 10000");
  return {
    ...config,
    sizes,
    allSizes: sizes,
    simProcesses: (hosts) => Math.max(config.simProcesses(hosts), Math.ceil(hosts / 2_500)),
  };
}
