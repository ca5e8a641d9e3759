import "server-only";
import { byWorkloadId } from "@/lib/workload-order";

/**
 * A host's components or providers by id: an immutable array kept in id order. Updating one
 * entry copies ~20 pointers, where copying a `Map` per event (through the iterator protocol)
 * cost microseconds and a kilobyte of garbage at 10,000 events/s; and the array, in the API's
 * order and holding interned models that are their own views, is the host view's list as is.
 */
export class WorkloadMap<T extends { readonly id: string }> {
  private constructor(
    /** Every entry, in id order (`byWorkloadId`), ids unique. */
    readonly list: readonly T[],
  ) {}

  private static readonly none = new WorkloadMap<never>([]);

  static empty<T extends { readonly id: string }>(): WorkloadMap<T> {
    return WorkloadMap.none;
  }

  /** From entries in any order; of two entries with one id the last wins. */
  static of<T extends { readonly id: string }>(entries: readonly T[]): WorkloadMap<T> {
    const byId = new Map(entries.map((e) => [e.id, e]));
    return new WorkloadMap([...byId.values()].sort(byWorkloadId));
  }

  get size(): number {
    return this.list.length;
  }

  get(id: string): T | undefined {
    const at = this.indexOf(id);
    return at < 0 ? undefined : this.list[at];
  }

  has(id: string): boolean {
    return this.indexOf(id) >= 0;
  }

  keys(): IterableIterator<string> {
    return this.list.map((e) => e.id).values();
  }

  values(): IterableIterator<T> {
    return this.list.values();
  }

  /** With `value` added or replacing the entry of its id; this map itself when unchanged. */
  with(value: T): WorkloadMap<T> {
    const at = this.indexOf(value.id);
    if (at >= 0) {
      if (this.list[at] === value) return this;
      const list = this.list.slice();
      list[at] = value;
      return new WorkloadMap(list);
    }
    const insertAt = this.list.findIndex((e) => byWorkloadId(e, value) > 0);
    const list = this.list.slice();
    list.splice(insertAt < 0 ? list.length : insertAt, 0, value);
    return new WorkloadMap(list);
  }

  /** Without the entry of `id`; this map itself when there is none. */
  without(id: string): WorkloadMap<T> {
    const at = this.indexOf(id);
    return at < 0 ? this : new WorkloadMap(this.list.filter((_, i) => i !== at));
  }

  private indexOf(id: string): number {
    const list = this.list;
    for (let i = 0; i < list.length; i += 1) if ((list[i] as T).id === id) return i;
    return -1;
  }
}
