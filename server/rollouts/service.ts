import "server-only";
import { ulid } from "ulid";
import type { Host } from "@/lib/schemas/host";
import type {
  ApiLinkShape,
  Plan,
  Revision,
  Rollout,
  RolloutAction,
  RolloutLogEntry,
  RolloutSpec,
} from "@/lib/schemas/rollout";
import type { RolloutRecord } from "@/lib/schemas/rollout-record";
import { planRollout, restoreSpec } from "@/server/planner";
import type { RolloutLog, RolloutStore } from "@/server/store";
import { TERMINAL } from "./draft";
import { RolloutDriver } from "./driver";
import { LeaseKeeper } from "./leases";
import { newRecord, toApiRollout } from "./record";
import type { ShellDeps } from "./shell-deps";
import { step } from "./step";
import { RolloutNotFoundError } from "./errors";

export interface RolloutServiceOptions {
  lattice: string;
  store: RolloutStore;
  log: RolloutLog;
  shell: ShellDeps;
  hosts: () => Host[];
  links: () => readonly ApiLinkShape[];
  configValues: (name: string) => Record<string, string> | null;
  owner: string;
  leaseMs: number;
  /** false: this process serves reads and actions but never drives (takes no lease). */
  drive?: boolean;
  onError?: (err: unknown) => void;
  now?: () => number;
}

export type CreateOutcome =
  | { kind: "created"; rollout: Rollout }
  | { kind: "drift"; plan: Plan }
  | { kind: "invalid"; plan: Plan };

export type ActOutcome =
  | { kind: "ok"; rollout: Rollout; created: boolean }
  | { kind: "refused"; error: string }
  | { kind: "drift"; plan: Plan }
  | { kind: "invalid"; plan: Plan };

/**
 * The rollouts of one lattice: planning, creation, operator actions and reads for every
 * console process; driving (through a KV lease) for exactly one of them per rollout.
 */
export class RolloutService {
  private readonly drivers = new Map<string, RolloutDriver>();
  private readonly records = new Map<string, RolloutRecord>();
  private readonly plans = new Map<string, Plan>();
  /** The state each rollout's revision entries were last written with. */
  private readonly revisionStates = new Map<string, RolloutRecord["state"]>();
  private readonly listeners = new Set<(rollout: Rollout) => void>();
  private readonly leases: LeaseKeeper;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unwatch: (() => void) | undefined;
  private stopped = false;
  private readonly now: () => number;
  private readonly onError: (err: unknown) => void;

  constructor(private readonly o: RolloutServiceOptions) {
    this.now = o.now ?? Date.now;
    this.onError = o.onError ?? ((err) => console.error(`rollouts ${o.lattice}:`, err));
    this.leases = new LeaseKeeper(o.store, o.owner, o.leaseMs, this.now);
  }

  /** Loads every rollout, watches for changes by any replica and starts taking leases. */
  async start(): Promise<void> {
    this.unwatch = await this.o.store.watchRecords((id, revision) => {
      // The driver's own writes need no re-read.
      if (this.drivers.get(id)?.revision !== revision) void this.refresh(id);
    });
    for (const { value } of await this.o.store.records(this.onError))
      this.records.set(value.id, value);
    await this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(200, this.o.leaseMs / 3));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unwatch?.();
    for (const driver of this.drivers.values()) driver.stop();
    await Promise.all(
      [...this.drivers.keys()].map((id) => this.leases.release(id).catch(() => {})),
    );
    this.drivers.clear();
  }

  /** Every change of any rollout of this lattice, as the API shows it. */
  onChange(listener: (rollout: Rollout) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async plan(spec: RolloutSpec, notes?: { errors?: string[]; warnings?: string[] }): Promise<Plan> {
    const knownConfig = await this.o.store.allKnownConfig();
    return planRollout({
      spec,
      hosts: this.o.hosts(),
      links: this.o.links(),
      configValues: this.o.configValues,
      knownConfig,
      notes,
    });
  }

  /** Creates a rollout from a reviewed plan; the live lattice must still yield that plan. */
  async create(
    spec: RolloutSpec,
    planHash: string,
    createdBy: string,
    restores?: string,
    notes?: { errors?: string[]; warnings?: string[] },
  ): Promise<CreateOutcome> {
    const plan = await this.plan(spec, notes);
    if (plan.hash !== planHash) return { kind: "drift", plan };
    if (plan.errors.length > 0) return { kind: "invalid", plan };
    const id = ulid(this.now());
    const revision = await this.o.store.nextRevision();
    const record = newRecord({
      id,
      lattice: this.o.lattice,
      spec,
      plan,
      createdBy,
      revision,
      restores,
      now: this.now(),
    });
    await this.o.store.putPlan(id, plan);
    await this.o.store.putRecord(record, 0);
    this.plans.set(id, plan);
    this.records.set(id, record);
    await this.o.log.append(id, [
      {
        kind: "transition",
        time: record.createdAt,
        message: `created by ${createdBy}: ${plan.summary.hosts} host(s) in ${plan.summary.waves} wave(s)`,
      },
    ]);
    await this.writeRevisions(record);
    this.emit(record, plan);
    void this.tick();
    return { kind: "created", rollout: toApiRollout(record, plan) };
  }

  async list(): Promise<Rollout[]> {
    const out: Rollout[] = [];
    for (const record of this.records.values()) {
      const plan = await this.planOf(record.id);
      if (plan) out.push(toApiRollout(record, plan));
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  async get(id: string): Promise<Rollout> {
    const record = this.drivers.get(id)?.record ?? (await this.o.store.getRecord(id))?.value;
    const plan = record && (await this.planOf(id));
    if (!record || !plan) throw new RolloutNotFoundError(id);
    return toApiRollout(record, plan);
  }

  async planOf(id: string): Promise<Plan | null> {
    const cached = this.plans.get(id);
    if (cached) return cached;
    const plan = await this.o.store.getPlan(id);
    if (plan) this.plans.set(id, plan);
    return plan;
  }

  /** An operator action; the driver (here or in another replica) carries it out. */
  async act(id: string, action: RolloutAction, by: string, planHash?: string): Promise<ActOutcome> {
    const driver = this.drivers.get(id);
    if (driver) {
      const result = await driver.dispatch({ type: "action", action, by, planHash });
      if (result.ok)
        return { kind: "ok", rollout: toApiRollout(result.next, driver.planValue), created: false };
      return this.refusedOrRestore(id, action, by, result.error);
    }
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const current = await this.o.store.getRecord(id);
      const plan = await this.planOf(id);
      if (!current || !plan) throw new RolloutNotFoundError(id);
      const result = step(
        current.value,
        plan,
        { type: "action", action, by, planHash },
        this.now(),
      );
      if (!result.ok) return this.refusedOrRestore(id, action, by, result.error);
      // Only the record changes here; the driving replica sees it through its KV watch.
      try {
        await this.o.store.putRecord(result.next, current.revision);
      } catch {
        continue;
      }
      const time = new Date(this.now()).toISOString();
      await this.o.log.append(
        id,
        result.log.map((l) => ({ ...l, time })),
      );
      this.records.set(id, result.next);
      return { kind: "ok", rollout: toApiRollout(result.next, plan), created: false };
    }
    return { kind: "refused", error: "the rollout keeps changing; try again" };
  }

  /** `rollback` of a succeeded rollout: a new rollout planned from its restore-spec. */
  private async refusedOrRestore(
    id: string,
    action: RolloutAction,
    by: string,
    error: string,
  ): Promise<ActOutcome> {
    const record = this.records.get(id) ?? (await this.o.store.getRecord(id))?.value;
    if (action !== "rollback" || record?.state !== "succeeded") return { kind: "refused", error };
    const { spec, notes } = await this.restore(id);
    const plan = await this.plan(spec, notes);
    if (plan.errors.length > 0) return { kind: "invalid", plan };
    const created = await this.create(spec, plan.hash, by, id, notes);
    switch (created.kind) {
      case "created":
        return { kind: "ok", rollout: created.rollout, created: true };
      case "drift":
      case "invalid":
        return created;
    }
  }

  /** The spec that returns every host the rollout touched to its recorded before-state. */
  async restore(id: string) {
    const record = this.records.get(id) ?? (await this.o.store.getRecord(id))?.value;
    const plan = await this.planOf(id);
    if (!record || !plan) throw new RolloutNotFoundError(id);
    const touchedHostIds = Object.values(record.exec.hosts)
      .filter((h) => h.touched)
      .map((h) => h.hostId);
    return restoreSpec({ spec: record.spec, plan, touchedHostIds });
  }

  revisions(kind: "component" | "provider", target: string): Promise<Revision[]> {
    return this.o.store.revisions(kind, target);
  }

  async logOf(id: string): Promise<RolloutLogEntry[]> {
    if (!(await this.planOf(id))) throw new RolloutNotFoundError(id);
    return this.o.log.read(id);
  }

  private async refresh(id: string): Promise<void> {
    try {
      const fresh = await this.o.store.getRecord(id);
      if (!fresh) return;
      const known = this.records.get(id);
      this.records.set(id, fresh.value);
      const driver = this.drivers.get(id);
      // Another replica wrote an action: the driver re-reads and carries on.
      if (driver && driver.record.updatedAt !== fresh.value.updatedAt) {
        void driver.dispatch({ type: "advance" }).catch(this.onError);
      }
      if (!driver && known?.updatedAt !== fresh.value.updatedAt) {
        const plan = await this.planOf(id);
        if (plan) this.emit(fresh.value, plan);
      }
    } catch (err) {
      this.onError(err);
    }
  }

  /** Renews held leases, takes free ones of unfinished rollouts, lets go of finished ones. */
  private async tick(): Promise<void> {
    if (this.stopped || this.o.drive === false) return;
    for (const [id, record] of this.records) {
      try {
        const driver = this.drivers.get(id);
        if (driver) {
          if (driver.isDone) {
            this.drivers.delete(id);
            await this.leases.release(id);
          } else if (!(await this.leases.renew(id))) {
            driver.stop();
            this.drivers.delete(id);
          }
          continue;
        }
        if (TERMINAL.has(record.state)) continue;
        if (await this.leases.acquire(id)) await this.drive(id);
      } catch (err) {
        this.onError(err);
      }
    }
  }

  private async drive(id: string): Promise<void> {
    const current = await this.o.store.getRecord(id);
    const plan = await this.planOf(id);
    if (!current || !plan || this.stopped) return;
    const driver = new RolloutDriver(
      {
        store: this.o.store,
        log: this.o.log,
        shell: this.o.shell,
        onRecord: (record, p) => {
          this.records.set(id, record);
          this.emit(record, p);
          if (this.revisionStates.get(id) !== record.state) {
            void this.writeRevisions(record).catch(this.onError);
          }
        },
        onError: this.onError,
        now: this.now,
      },
      current,
      plan,
    );
    this.drivers.set(id, driver);
    await driver.dispatch({ type: "advance" });
  }

  private emit(record: RolloutRecord, plan: Plan): void {
    const rollout = toApiRollout(record, plan);
    for (const listener of this.listeners) listener(rollout);
  }

  /** Revision history per component and provider (who, when, why, what), kept in KV. */
  private async writeRevisions(record: RolloutRecord): Promise<void> {
    this.revisionStates.set(record.id, record.state);
    const targets = record.spec.changes.flatMap((c) =>
      c.kind === "component" || c.kind === "provider" ? [c] : [],
    );
    for (const change of targets) {
      await this.o.store.putRevision(change.kind, change.id, {
        revision: record.revision,
        rolloutId: record.id,
        state: record.state,
        createdAt: record.createdAt,
        createdBy: record.createdBy,
        ...(record.spec.reason !== undefined ? { reason: record.spec.reason } : {}),
        target: record.spec.changes,
      });
      if (record.state === "succeeded" && change.config !== undefined) {
        await this.o.store.putKnownConfig(change.kind, change.id, change.config);
      }
    }
  }
}
