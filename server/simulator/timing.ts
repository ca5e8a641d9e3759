import { jitter, type Rng } from "./rng";

/**
 * Simulated durations. Realistic mode mimics a host fetching and compiling from a registry
 * (hundreds of ms) and the ≈5 s first provider health check (protocol §7.4); fast mode keeps
 * every step in the 5–20 ms range for tests.
 */
export interface Timing {
  heartbeatMs: number;
  /** fetch + compile + instantiate of a component (scale start, update). */
  componentTaskMs(): number;
  /** a rescale or stop of a running component (bytes already loaded). */
  rescaleMs(): number;
  providerStartMs(): number;
  /** provider shutdown delay; `provider.stop` replies after it (protocol §1.4). */
  providerStopMs(): number;
  healthFirstMs: number;
  healthIntervalMs: number;
  /** graceful host shutdown duration, compared against `host.stop` `timeout`. */
  hostShutdownMs: number;
  /** default delay of the `slow` reply fault: beyond the 2 s client default. */
  slowReplyMs: number;
}

export function makeTiming(rng: Rng, fast: boolean, heartbeatSeconds: number): Timing {
  const heartbeatMs = Math.max(1, heartbeatSeconds * 1000);
  if (fast) {
    return {
      heartbeatMs,
      componentTaskMs: () => jitter(rng, 5, 20),
      rescaleMs: () => jitter(rng, 5, 10),
      providerStartMs: () => jitter(rng, 5, 20),
      providerStopMs: () => 5,
      healthFirstMs: 20,
      healthIntervalMs: 500,
      hostShutdownMs: 10,
      slowReplyMs: 3_000,
    };
  }
  return {
    heartbeatMs,
    componentTaskMs: () => jitter(rng, 300, 900),
    rescaleMs: () => jitter(rng, 20, 80),
    providerStartMs: () => jitter(rng, 400, 1_200),
    providerStopMs: () => 300,
    healthFirstMs: 5_000,
    healthIntervalMs: 30_000,
    hostShutdownMs: 500,
    slowReplyMs: 5_000,
  };
}
