import "server-only";
import type { HostModel } from "./lattice-state";

const SHARD_COUNT = 256;

/** FNV-1a: cheap and well spread over nkeys, which share their first character. */
function hashShard(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARD_COUNT;
}

/**
 * Shard of each id seen, so hashing 56 characters happens once per host rather than on every
 * lookup (a `Map` finds a string by the hash the engine keeps on it). Bounded: a lattice whose
 * hosts keep coming back under new ids starts the cache over.
 */
const shardById = new Map<string, number>();
const SHARD_CACHE_LIMIT = 200_000;

function shardOf(id: string): number {
  let shard = shardById.get(id);
  if (shard === undefined) {
    if (shardById.size >= SHARD_CACHE_LIMIT) shardById.clear();
    shard = hashShard(id);
    shardById.set(id, shard);
  }
  return shard;
}

/** One shard: a short array searched linearly (~40 hosts of 10,000). */
type Shard = readonly HostModel[];

function indexIn(shard: Shard | undefined, id: string): number {
  if (!shard) return -1;
  for (let i = 0; i < shard.length; i += 1) if ((shard[i] as HostModel).id === id) return i;
  return -1;
}

/**
 * An immutable host map with structural sharing. An update copies one shard and the 256-slot
 * shard index: a few hundred pointers, where copying a whole `Map` per event cost O(hosts)
 * (at 10,000 hosts and ~330 heartbeats/s, ~1.8 s of CPU per second). Shards are plain arrays:
 * copying a shard `Map` through the iterator protocol was still the console's largest CPU cost
 * at 10,000 events/s in a profile of the production console, and a persistent hash trie
 * (Immutable.js) spent as much hashing the 56-character ids, whose hashes it cannot keep.
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
    const shard = this.shards[shardOf(id)];
    const at = indexIn(shard, id);
    return at < 0 ? undefined : shard?.[at];
  }

  has(id: string): boolean {
    return indexIn(this.shards[shardOf(id)], id) >= 0;
  }

  set(host: HostModel): HostTable {
    const index = shardOf(host.id);
    const current = this.shards[index];
    const at = indexIn(current, host.id);
    if (at >= 0) {
      const shard = (current as Shard).slice();
      shard[at] = host;
      return this.with(index, shard, this.size);
    }
    return this.with(index, current ? [...current, host] : [host], this.size + 1);
  }

  delete(id: string): HostTable {
    const index = shardOf(id);
    const current = this.shards[index];
    const at = indexIn(current, id);
    if (at < 0 || !current) return this;
    const shard = current.filter((_, i) => i !== at);
    return this.with(index, shard.length > 0 ? shard : undefined, this.size - 1);
  }

  *values(): IterableIterator<HostModel> {
    for (const shard of this.shards) if (shard) yield* shard;
  }

  *keys(): IterableIterator<string> {
    for (const shard of this.shards) if (shard) for (const host of shard) yield host.id;
  }

  private with(index: number, shard: Shard | undefined, size: number): HostTable {
    const shards = this.shards.slice();
    shards[index] = shard;
    return new HostTable(shards, size);
  }
}
