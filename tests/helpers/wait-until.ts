/** Subscribes `wake` to something that changes; returns the unsubscribe. */
export type WakeSource = (wake: () => void) => () => void;

export interface WaitUntil<T> {
  /** Named in the timeout error. */
  what: string;
  /** The condition: a value once it holds, `undefined` until then. A throw fails the wait. */
  check: () => T | undefined;
  /** What may change the condition; it is re-checked at once and on every wake-up. */
  on: readonly WakeSource[];
  timeoutMs: number;
  /** Appended to the timeout error: what was seen instead. */
  detail?: () => string;
}

/**
 * The one condition wait the test harnesses share for what is not a host model (raw events,
 * stream deltas, counters): resolves with the first value of `check`, fails at the deadline.
 * Host models have the observer's gate (`waitForHost`) instead.
 */
export function waitUntil<T>(wait: WaitUntil<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanups: (() => void)[] = [];
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      settle();
    };
    const probe = () => {
      try {
        const value = wait.check();
        if (value !== undefined) finish(() => resolve(value));
      } catch (err) {
        finish(() => reject(err instanceof Error ? err : new Error(String(err))));
      }
    };
    probe();
    if (settled) return;
    const timer = setTimeout(() => {
      const detail = wait.detail ? `; ${wait.detail()}` : "";
      finish(() => reject(new Error(`timed out waiting for ${wait.what}${detail}`)));
    }, wait.timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    for (const source of wait.on) {
      const off = source(probe);
      // A source may wake at once while subscribing; what settled then is already cleaned up.
      if (settled) return off();
      cleanups.push(off);
    }
  });
}

/** A wake-up every `ms`, for state derived from the clock or with no change hook. */
export const every =
  (ms: number): WakeSource =>
  (wake) => {
    const timer = setInterval(wake, ms);
    return () => clearInterval(timer);
  };
