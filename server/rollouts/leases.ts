import "server-only";
import type { RolloutStore } from "@/server/store";

/**
 * Exactly one console process drives a rollout: it holds the rollout's lease in KV, renews it,
 * and another process takes over only by compare-and-set once the lease expired (nats-server
 * 2.9 has no per-key TTL, TOOLCHAIN.md 15, so the expiry lives in the value).
 */
export class LeaseKeeper {
  private readonly held = new Map<string, number>();

  constructor(
    private readonly store: RolloutStore,
    readonly owner: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  holds(id: string): boolean {
    return this.held.has(id);
  }

  /** Takes the lease if free or expired, renews it if ours; false when another holds it. */
  async acquire(id: string): Promise<boolean> {
    const current = await this.store.getLease(id);
    const now = this.now();
    const mine = current?.value.owner === this.owner;
    if (current && !mine && current.value.expiresAt > now) {
      this.held.delete(id);
      return false;
    }
    const revision = await this.store.writeLease(
      id,
      { owner: this.owner, expiresAt: now + this.ttlMs },
      current?.revision ?? 0,
    );
    if (revision === null) {
      this.held.delete(id);
      return false;
    }
    this.held.set(id, revision);
    return true;
  }

  /** Renews a held lease by CAS on the revision we wrote last; false when it was lost. */
  async renew(id: string): Promise<boolean> {
    const revision = this.held.get(id);
    if (revision === undefined) return false;
    const next = await this.store.writeLease(
      id,
      { owner: this.owner, expiresAt: this.now() + this.ttlMs },
      revision,
    );
    if (next === null) {
      this.held.delete(id);
      return false;
    }
    this.held.set(id, next);
    return true;
  }

  async release(id: string): Promise<void> {
    if (!this.held.delete(id)) return;
    await this.store.deleteLease(id);
  }
}
