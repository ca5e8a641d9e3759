import "server-only";
import { gunzipSync, gzipSync } from "node:zlib";
import type { NatsConnection } from "@nats-io/transport-node";
import { Kvm, type KV, type KvEntry } from "@nats-io/kv";
import type { z } from "zod";
import { Plan, Revision } from "@/lib/schemas/rollout";
import { RolloutRecord } from "@/lib/schemas/rollout-record";
import { Lease, RevisionCounter, KnownConfig } from "./store-schemas";
import { CorruptEntryError, WriteConflictError } from "./errors";

/** One KV bucket per lattice holds the console's rollout state (DESIGN.md "server/store"). */
export const rolloutBucket = (lattice: string) => `LATTICE_CONSOLE_${lattice}`;

const enc = new TextEncoder();
const dec = new TextDecoder();
/** Values past this size are gzipped: a 1,000-host plan would otherwise near max_payload. */
const GZIP_FROM_BYTES = 16 * 1024;

function encode(value: unknown): Uint8Array {
  const bytes = enc.encode(JSON.stringify(value));
  return bytes.byteLength < GZIP_FROM_BYTES ? bytes : gzipSync(bytes, { level: 1 });
}

/** JSON, gzipped or not (gzip's magic bytes cannot start a JSON text). */
function decode(bytes: Uint8Array): unknown {
  const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return JSON.parse(dec.decode(isGzip ? gunzipSync(bytes) : bytes));
}

export type KnownConfigs = {
  component: Record<string, string[]>;
  provider: Record<string, string[]>;
};

export interface Versioned<T> {
  value: T;
  revision: number;
}

function isWrongLastSequence(err: unknown): boolean {
  return err instanceof Error && /wrong last sequence|key exists/i.test(err.message);
}

/**
 * Rollout records, plans, leases and revision history in JetStream KV. Every write of a record
 * is a compare-and-set on the entry's revision (nats.js `KV.update`), so two console processes
 * never overwrite each other's transitions.
 */
export class RolloutStore {
  private constructor(
    readonly lattice: string,
    private readonly kv: KV,
  ) {}

  static async open(nc: NatsConnection, lattice: string): Promise<RolloutStore> {
    // nats-server 2.9 ignores per-key TTLs (TOOLCHAIN.md 15): leases carry their own expiry.
    const kv = await new Kvm(nc).create(rolloutBucket(lattice), { history: 1 });
    return new RolloutStore(lattice, kv);
  }

  private parse<S extends z.ZodType>(schema: S, entry: KvEntry): Versioned<z.output<S>> {
    let raw: unknown;
    try {
      raw = decode(entry.value);
    } catch {
      raw = undefined;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new CorruptEntryError(entry.key, parsed.error);
    return { value: parsed.data, revision: entry.revision };
  }

  private async read<S extends z.ZodType>(
    schema: S,
    key: string,
  ): Promise<Versioned<z.output<S>> | null> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== "PUT") return null;
    return this.parse(schema, entry);
  }

  /** Writes `value` if the entry is still at `revision` (0 = must not exist yet). */
  private async cas(key: string, value: unknown, revision: number): Promise<number> {
    try {
      return revision === 0
        ? await this.kv.create(key, encode(value))
        : await this.kv.update(key, encode(value), revision);
    } catch (err) {
      if (isWrongLastSequence(err)) throw new WriteConflictError(key, { cause: err });
      throw err;
    }
  }

  getRecord(id: string) {
    return this.read(RolloutRecord, `rollout.${id}`);
  }

  putRecord(record: RolloutRecord, revision: number): Promise<number> {
    return this.cas(`rollout.${record.id}`, record, revision);
  }

  async getPlan(id: string): Promise<Plan | null> {
    return (await this.read(Plan, `plan.${id}`))?.value ?? null;
  }

  /** The plan is written once, before its rollout record. */
  async putPlan(id: string, plan: Plan): Promise<void> {
    await this.kv.put(`plan.${id}`, encode(plan));
  }

  async rolloutIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const key of await this.kv.keys("rollout.*")) ids.push(key.slice("rollout.".length));
    return ids;
  }

  /** Every rollout record; a corrupt one is reported through `onCorrupt` and skipped. */
  async records(onCorrupt: (err: unknown) => void): Promise<Versioned<RolloutRecord>[]> {
    const ids = await this.rolloutIds();
    const all = await Promise.all(
      ids.map((id) =>
        this.getRecord(id).catch((err: unknown) => {
          onCorrupt(err);
          return null;
        }),
      ),
    );
    return all.filter((r) => r !== null);
  }

  /** Calls `fn` with the id and revision of every rollout record written, by anyone. */
  async watchRecords(fn: (id: string, revision: number) => void): Promise<() => void> {
    const iter = await this.kv.watch({ key: "rollout.*", include: "updates" });
    void (async () => {
      for await (const entry of iter) fn(entry.key.slice("rollout.".length), entry.revision);
    })();
    return () => iter.stop();
  }

  getLease(id: string) {
    return this.read(Lease, `lease.${id}`);
  }

  /** Takes or renews a lease by CAS; false when someone else holds it or won the race. */
  async writeLease(id: string, lease: Lease, revision: number): Promise<number | null> {
    try {
      return await this.cas(`lease.${id}`, lease, revision);
    } catch (err) {
      if (err instanceof WriteConflictError) return null;
      throw err;
    }
  }

  async deleteLease(id: string): Promise<void> {
    await this.kv.delete(`lease.${id}`);
  }

  /** The next revision number of this lattice (one sequence shared by every target). */
  async nextRevision(): Promise<number> {
    for (;;) {
      const current = await this.read(RevisionCounter, "revseq");
      const next = (current?.value.last ?? 0) + 1;
      try {
        await this.cas("revseq", { last: next }, current?.revision ?? 0);
        return next;
      } catch (err) {
        if (!(err instanceof WriteConflictError)) throw err;
      }
    }
  }

  async putRevision(kind: string, target: string, revision: Revision): Promise<void> {
    await this.kv.put(`revision.${kind}.${target}.${revision.revision}`, encode(revision));
  }

  async revisions(kind: string, target: string): Promise<Revision[]> {
    const keys: string[] = [];
    for await (const key of await this.kv.keys(`revision.${kind}.${target}.*`)) keys.push(key);
    const found = await Promise.all(keys.map((k) => this.read(Revision, k)));
    return found.flatMap((r) => (r ? [r.value] : [])).sort((a, b) => b.revision - a.revision);
  }

  async knownConfig(kind: string, target: string): Promise<string[] | null> {
    return (await this.read(KnownConfig, `known.${kind}.${target}`))?.value.config ?? null;
  }

  async putKnownConfig(kind: string, target: string, config: string[]): Promise<void> {
    await this.kv.put(`known.${kind}.${target}`, encode({ config }));
  }

  /** Every recorded config-name list, by kind then workload id. */
  async allKnownConfig(): Promise<KnownConfigs> {
    const component: Record<string, string[]> = {};
    const provider: Record<string, string[]> = {};
    const out: KnownConfigs = { component, provider };
    for await (const key of await this.kv.keys("known.*.*")) {
      const [, kind, target] = key.split(".");
      const entry = await this.read(KnownConfig, key);
      if (!entry || target === undefined) continue;
      if (kind === "component") component[target] = entry.value.config;
      if (kind === "provider") provider[target] = entry.value.config;
    }
    return out;
  }
}
