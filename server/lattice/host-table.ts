import "server-only";
import type { HostModel } from "./lattice-state";

const SHARD_COUNT = 256;

/** FNV-1a: cheap and well spread over nkeys, which share their first character. */
function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARD_COUNT;
}

type Shard = ReadonlyMap<string, HostModel>;

/**
 * An immutable host map with structural sharing. Copying a whole `Map` per event costs O(hosts):
 * at 10,000 hosts and ~330 heartbeats/s that alone was ~1.8 s of CPU per second. Here an update
 * copies one shard (~hosts/256 entries) and the 256-slot shard index.
 */
export class HostTable {
  private constructor(
    private readonly shards: readonly (Shard | undefined)[],
    readonly size: number,
  ) {}

  static readonly empty = new HostTable(
    new Array<Shard | undefined>(SHARD_COUNT).fill(undefined),
    0,
  );

  get(id: string): HostModel | undefined {
    return this.shards[shardOf(id)]?.get(id);
  }

  has(id: string): boolean {
    return this.shards[shardOf(id)]?.has(id) ?? false;
  }

  set(host: HostModel): HostTable {
    const index = shardOf(host.id);
    const shard = new Map(this.shards[index]);
    const isNew = !shard.has(host.id);
    shard.set(host.id, host);
    return this.with(index, shard, isNew ? this.size + 1 : this.size);
  }

  delete(id: string): HostTable {
    const index = shardOf(id);
    const current = this.shards[index];
    if (!current?.has(id)) return this;
    const shard = new Map(current);
    shard.delete(id);
    return this.with(index, shard, this.size - 1);
  }

  *values(): IterableIterator<HostModel> {
    for (const shard of this.shards) if (shard) yield* shard.values();
  }

  *keys(): IterableIterator<string> {
    for (const shard of this.shards) if (shard) yield* shard.keys();
  }

  private with(index: number, shard: Shard, size: number): HostTable {
    const shards = [...this.shards];
    shards[index] = shard.size > 0 ? shard : undefined;
    return new HostTable(shards, size);
  }
}
