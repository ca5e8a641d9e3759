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
  private queue: Promise<unknown> = Promise.resolve();
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

  get planValue(): Plan {
    return this.plan;
  }

  /** True once the rollout is finished and nothing it started is still running. */
  get isDone(): boolean {
    return TERMINAL.has(this.current.value.state) && this.running.size === 0;
  }

  dispatch(event: RolloutEvent): Promise<StepResult> {
    const next = this.queue.then(() => this.handle(event));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops watching (lease lost, shutdown): in-flight waits end without being recorded. */
  stop(): void {
    this.stopped = true;
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }

  private async handle(event: RolloutEvent): Promise<StepResult> {
    const now = this.deps.now ?? Date.now;
    for (let attempt = 0; ; attempt += 1) {
      if (this.stopped) return { ok: false, error: "this console no longer drives the rollout" };
      const result = step(this.current.value, this.plan, event, now());
      if (!result.ok) return result;
      try {
        const revision = await this.deps.store.putRecord(result.next, this.current.revision);
        this.current = { value: result.next, revision };
      } catch (err) {
        if (!(err instanceof WriteConflictError) || attempt > 20) throw err;
        const fresh = await this.deps.store.getRecord(this.id);
        if (!fresh) throw err;
        this.current = fresh;
        continue;
      }
      await this.appendLog(result.log);
      this.deps.onRecord(result.next, this.plan);
      for (const effect of result.effects) this.run(effect);
      return result;
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
