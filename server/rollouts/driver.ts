import "server-only";
import type { Plan } from "@/lib/schemas/rollout";
import type { RolloutRecord } from "@/lib/schemas/rollout-record";
import {
  WriteConflictError,
  type RolloutLog,
  type RolloutStore,
  type Versioned,
} from "@/server/store";
import { waveDrift } from "./check-wave";
import { TERMINAL } from "./draft";
import { runLatticeStep } from "./lattice-step";
import { runOp } from "./run-op";
import type { ShellDeps } from "./shell-deps";
import { step } from "./step";
import {
  effectKey,
  type LogLine,
  type RolloutEffect,
  type RolloutEvent,
  type StepResult,
} from "./step-types";

export interface DriverDeps {
  store: RolloutStore;
  log: RolloutLog;
  shell: ShellDeps;
  /** Called after every persisted transition (revision history, live frames). */
  onRecord: (record: RolloutRecord, plan: Plan) => void;
  onError: (err: unknown) => void;
  now?: () => number;
}

/**
 * The thin shell around `step` for one rollout (STYLE.md): events are handled one at a time;
 * each next record is written to KV by compare-and-set **before** its effects run, and a
 * conflict (another replica wrote an action) re-reads the record and decides again.
 */
export class RolloutDriver {
  private readonly pending: {
    event: RolloutEvent;
    resolve: (result: StepResult) => void;
    reject: (err: unknown) => void;
  }[] = [];
  private draining = false;
  private readonly running = new Map<string, AbortController>();
  private readonly hostPlans: Map<string, Plan["hosts"][number]>;
  private stopped = false;

  constructor(
    private readonly deps: DriverDeps,
    private current: Versioned<RolloutRecord>,
    private readonly plan: Plan,
  ) {
    this.hostPlans = new Map(plan.hosts.map((h) => [h.hostId, h]));
  }

  get id(): string {
    return this.current.value.id;
  }

  get record(): RolloutRecord {
    return this.current.value;
  }

  /** The KV revision of the record as this driver last wrote or read it. */
  get revision(): number {
    return this.current.revision;
  }

  get planValue(): Plan {
    return this.plan;
  }

  /** True once the rollout is finished and nothing it started is still running. */
  get isDone(): boolean {
    return TERMINAL.has(this.current.value.state) && this.running.size === 0;
  }

  /**
   * Hands an event to the driver. Events that arrive while a write is under way are folded
   * together and recorded in one compare-and-set write: a wave of hosts finishing at once is
   * one KV write, not one per host.
   */
  dispatch(event: RolloutEvent): Promise<StepResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  /** Stops watching (lease lost, shutdown): in-flight waits end without being recorded. */
  stop(): void {
    this.stopped = true;
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        try {
          const results = await this.handle(batch.map((p) => p.event));
          batch.forEach((p, i) => p.resolve(results[i] ?? { ok: false, error: "not handled" }));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Folds the events through `step`, writes the result once, then logs and acts. */
  private async handle(events: readonly RolloutEvent[]): Promise<StepResult[]> {
    const now = this.deps.now ?? Date.now;
    for (let attempt = 0; ; attempt += 1) {
      if (this.stopped) {
        return events.map(() => ({
          ok: false,
          error: "this console no longer drives the rollout",
        }));
      }
      let record = this.current.value;
      const results: StepResult[] = [];
      const effects: RolloutEffect[] = [];
      const log: LogLine[] = [];
      for (const event of events) {
        const result = step(record, this.plan, event, now());
        results.push(result);
        if (!result.ok) continue;
        record = result.next;
        effects.push(...result.effects);
        log.push(...result.log);
      }
      if (record === this.current.value) return results;
      try {
        const revision = await this.deps.store.putRecord(record, this.current.revision);
        this.current = { value: record, revision };
      } catch (err) {
        if (!(err instanceof WriteConflictError) || attempt > 20) throw err;
        const fresh = await this.deps.store.getRecord(this.id);
        if (!fresh) throw err;
        this.current = fresh;
        continue;
      }
      await this.appendLog(log);
      this.deps.onRecord(record, this.plan);
      // An effect made stale by a later event of the batch is harmless: the shell runs each
      // keyed effect once and `step` ignores results that no longer match the record.
      for (const effect of effects) this.run(effect);
      return results;
    }
  }

  private async appendLog(lines: readonly LogLine[]): Promise<void> {
    if (lines.length === 0) return;
    const time = new Date((this.deps.now ?? Date.now)()).toISOString();
    await this.deps.log
      .append(
        this.id,
        lines.map((l) => ({ ...l, time })),
      )
      .catch(this.deps.onError);
  }

  /** Starts an effect unless the same one is already running here (effects are keyed). */
  private run(effect: RolloutEffect): void {
    const key = effectKey(effect);
    if (this.running.has(key) || this.stopped) return;
    const controller = new AbortController();
    this.running.set(key, controller);
    void this.execute(effect, controller.signal)
      .then(async (event) => {
        if (controller.signal.aborted) return;
        // The key stays taken until the result is recorded: an advance handled in between
        // must not start a second watcher for the same op.
        try {
          await this.dispatch(event);
        } finally {
          this.running.delete(key);
        }
      })
      .catch((err: unknown) => {
        this.running.delete(key);
        this.deps.onError(err);
      });
  }

  private async execute(effect: RolloutEffect, signal: AbortSignal): Promise<RolloutEvent> {
    const log =
      (hostId: string | undefined) =>
      (message: string, kind: LogLine["kind"] = "info") =>
        void this.appendLog([{ kind, message, ...(hostId ? { hostId } : {}) }]);
    switch (effect.kind) {
      case "check-wave":
        return {
          type: "wave-checked",
          wave: effect.wave,
          drift: waveDrift(effect.hostIds, this.hostPlans, (id) =>
            this.deps.shell.observer.host(id),
          ),
        };
      case "lattice-step": {
        const error = await runLatticeStep(
          this.deps.shell,
          effect.step,
          effect.phase,
          log(undefined),
        );
        return { type: "lattice-done", phase: effect.phase, index: effect.index, error };
      }
      case "run-op": {
        const ops = this.current.value.exec.hosts[effect.hostId]?.ops ?? [];
        const error = await runOp(
          {
            deps: this.deps.shell,
            hostId: effect.hostId,
            deadline: effect.deadline,
            resume: effect.resume,
            signal,
            log: log(effect.hostId),
          },
          effect.op,
          ops,
        );
        return {
          type: "op-done",
          hostId: effect.hostId,
          phase: effect.phase,
          opIndex: effect.opIndex,
          ...(error !== undefined ? { error } : {}),
        };
      }
    }
  }
}
