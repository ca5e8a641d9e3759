/**
 * A small seeded PRNG (mulberry32). The simulated lattice derives every random choice (host
 * keys, friendly names, event id entropy, delays, demo placement) from the scenario seed so a
 * run is reproducible.
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG for one purpose, independent of the others derived from the same seed. */
export function derivedRng(seed: number, ...salt: (string | number)[]): Rng {
  let h = 2166136261 ^ (seed >>> 0);
  for (const ch of salt.join("/")) {
    h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  }
  return mulberry32(h >>> 0);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** A delay in [min, max] milliseconds. */
export function jitter(rng: Rng, min: number, max: number): number {
  return Math.round(min + rng() * (max - min));
}
