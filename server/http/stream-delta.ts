import "server-only";
import type { Host } from "@/lib/schemas/host";
import type { DeltaFrame, HostPatch, StreamDelta } from "@/lib/schemas/stream";

type Workload = { id: string };

const sameRecord = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) => {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

// Views of unchanged workloads are the same objects (to-api-host.ts), so identity settles
// nearly every comparison; the JSON fallback only runs for a rebuilt entry.
const sameWorkload = (a: Workload, b: Workload) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

const isSorted = (list: readonly Workload[]) =>
  list.every((w, i) => i === 0 || (list[i - 1] as Workload).id < w.id);

function workloadChanges<T extends Workload>(
  before: readonly T[],
  after: readonly T[],
): { set: T[]; removed: string[] } | undefined {
  if (before === after) return undefined;
  const set: T[] = [];
  const removed: string[] = [];
  if (isSorted(before) && isSorted(after)) {
    // Both in id order (the views are): one walk, no map per host and batch.
    let i = 0;
    let j = 0;
    while (i < before.length || j < after.length) {
      const b = before[i];
      const a = after[j];
      if (a !== undefined && b !== undefined && a.id === b.id) {
        if (!sameWorkload(b, a)) set.push(a);
        i += 1;
        j += 1;
      } else if (b !== undefined && (a === undefined || b.id < a.id)) {
        removed.push(b.id);
        i += 1;
      } else if (a !== undefined) {
        set.push(a);
        j += 1;
      }
    }
  } else {
    const gone = new Map(before.map((w) => [w.id, w]));
    for (const w of after) {
      const previous = gone.get(w.id);
      gone.delete(w.id);
      if (!previous || !sameWorkload(previous, w)) set.push(w);
    }
    removed.push(...gone.keys());
  }
  return set.length + removed.length > 0 ? { set, removed } : undefined;
}

/** What changed from `before` to `after` (the same host), or null when nothing visible did. */
export function hostPatch(before: Host, after: Host): HostPatch | null {
  const patch: HostPatch = { id: after.id };
  let isChanged = false;
  const scalars = [
    "friendlyName",
    "version",
    "stale",
    "lastSeen",
    "uptimeSeconds",
    "uptimeReportedAt",
  ] as const;
  for (const key of scalars) {
    if (before[key] === after[key]) continue;
    Object.assign(patch, { [key]: after[key] });
    isChanged = true;
  }
  if (!sameRecord(before.labels, after.labels)) {
    patch.labels = after.labels;
    isChanged = true;
  }
  const components = workloadChanges(before.components, after.components);
  if (components) patch.components = components;
  const providers = workloadChanges(before.providers, after.providers);
  if (providers) patch.providers = providers;
  return isChanged || components || providers ? patch : null;
}

/**
 * Turns the observer's whole-host deltas into what goes on the wire: hosts the streams already
 * have become patches against the version last sent (`sent`, updated in place), new hosts go
 * whole. Every stream of a hub shares `sent`, because every stream's state is the hub's last
 * snapshot plus the deltas after it.
 */
export function toStreamDelta(sent: Map<string, Host>, frame: DeltaFrame): StreamDelta {
  const upserts: Host[] = [];
  const patches: HostPatch[] = [];
  for (const host of frame.upserts) {
    const before = sent.get(host.id);
    sent.set(host.id, host);
    if (!before) {
      upserts.push(host);
      continue;
    }
    const patch = hostPatch(before, host);
    if (patch) patches.push(patch);
  }
  for (const id of frame.removed) sent.delete(id);
  const delta: StreamDelta = { upserts, patches, removed: frame.removed, events: frame.events };
  if (frame.connection !== undefined) delta.connection = frame.connection;
  if (frame.ready !== undefined) delta.ready = frame.ready;
  return delta;
}
