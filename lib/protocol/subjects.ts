/**
 * Subject builders (protocol §1.2). Control subjects use a configurable prefix
 * (`WASMCLOUD_CTL_TOPIC_PREFIX`, default `wasmbus.ctl`); events never do.
 */
export const DEFAULT_CTL_PREFIX = "wasmbus.ctl";

/** Lattice names, host ids, config names and workload ids must be single subject tokens. */
export const SAFE_TOKEN = /^[A-Za-z0-9_-]+$/;

export function isSafeToken(value: string): boolean {
  return SAFE_TOKEN.test(value);
}

export function ctlSubject(prefix: string, lattice: string, ...tokens: string[]): string {
  return [prefix, "v1", lattice, ...tokens].join(".");
}

export function eventSubject(lattice: string, eventName: string): string {
  return `wasmbus.evt.${lattice}.${eventName}`;
}

export function eventWildcard(lattice: string): string {
  return `wasmbus.evt.${lattice}.>`;
}

export const EVENT_TYPE_PREFIX = "com.wasmcloud.lattice.";

export const latticeDataBucket = (lattice: string) => `LATTICEDATA_${lattice}`;
export const configDataBucket = (lattice: string) => `CONFIGDATA_${lattice}`;
