import "server-only";
import { Map as PersistentMap } from "immutable";
import type { HostModel } from "./lattice-state";

/**
 * An immutable host map with structural sharing, on Immutable.js's hash array mapped trie: an
 * update copies the few 32-slot nodes on one path. Copying a whole `Map` per event cost O(hosts)
 * (at 10,000 hosts and ~330 heartbeats/s, ~1.8 s of CPU per second); copying one of 256 shards
 * (~40 entries through the iterator protocol) was still the console's top CPU cost at 10,000
 * events/s (issue 8's profile).
 */
export class HostTable {
  private constructor(private readonly map: PersistentMap<string, HostModel>) {}

  static readonly empty = new HostTable(PersistentMap<string, HostModel>());

  get size(): number {
    return this.map.size;
  }

  get(id: string): HostModel | undefined {
    return this.map.get(id);
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  set(host: HostModel): HostTable {
    return new HostTable(this.map.set(host.id, host));
  }

  delete(id: string): HostTable {
    const next = this.map.delete(id);
    return next === this.map ? this : new HostTable(next);
  }

  values(): IterableIterator<HostModel> {
    return this.map.values();
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }
}
