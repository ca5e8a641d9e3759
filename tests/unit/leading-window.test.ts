import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LeadingWindow } from "@/lib/leading-window";

describe("LeadingWindow", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A window whose flushes take `cost()` ms on its own clock. */
  function windowWithCost(cost: () => number) {
    let clock = 0;
    const flushes: number[] = [];
    const window = new LeadingWindow(
      () => {
        flushes.push(Date.now());
        clock += cost();
      },
      20,
      200,
      () => clock,
    );
    return { window, flushes };
  }

  it("keeps the short window while flushes are quick", async () => {
    const { window, flushes } = windowWithCost(() => 1);
    const start = Date.now();
    window.poke();
    await vi.advanceTimersByTimeAsync(0);
    window.poke();
    await vi.advanceTimersByTimeAsync(19);
    expect(flushes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushes.map((t) => t - start)).toEqual([0, 20]);
  });

  it("stretches the next window to four times a long flush", async () => {
    const { window, flushes } = windowWithCost(() => 30);
    const start = Date.now();
    window.poke();
    await vi.advanceTimersByTimeAsync(0);
    window.poke();
    // The flush took 30 ms: the window it opened ends 120 ms after it started.
    await vi.advanceTimersByTimeAsync(89);
    expect(flushes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushes.map((t) => t - start)).toEqual([0, 90]);
  });

  it("never waits longer than the maximum window after a flush", async () => {
    const { window, flushes } = windowWithCost(() => 500);
    const start = Date.now();
    window.poke();
    await vi.advanceTimersByTimeAsync(0);
    window.poke();
    // 4 × 500 ms is past the 200 ms cap, which the flush itself already used up.
    await vi.advanceTimersByTimeAsync(0);
    expect(flushes.map((t) => t - start)).toEqual([0, 0]);
  });
});
