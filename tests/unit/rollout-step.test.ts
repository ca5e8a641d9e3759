import { describe, expect, it } from "vitest";
import type { RolloutState } from "@/lib/schemas/rollout";
import { RolloutRecord } from "@/lib/schemas/rollout-record";
import { toApiRollout } from "@/server/rollouts/record";
import { step } from "@/server/rollouts/step";
import type { RolloutEffect, RolloutEvent, StepResult } from "@/server/rollouts/step-types";
import {
  act,
  advance,
  after,
  checked,
  done,
  effectLines,
  expectOk,
  failed,
  hostLines,
  LATTICE_STEPS,
  latticeDone,
  PLAN_HASH,
  rbDone,
  restored,
  rollout,
  T0,
  type Setup,
} from "./rollout-step-fixtures";

// ── Plans ───────────────────────────────────────────────────────────────────────────────────

/** Three hosts, one at a time. */
const ROLLING_3: Setup = { waves: [["N1"], ["N2"], ["N3"]] };
/** Four hosts, two at a time. */
const ROLLING_2X2: Setup = {
  waves: [
    ["N1", "N2"],
    ["N3", "N4"],
  ],
  strategy: { type: "rolling", maxUnavailable: 2 },
};
/** Two hosts after a staged config put and a link write. */
const WITH_LATTICE: Setup = { waves: [["N1"], ["N2"]], lattice: LATTICE_STEPS };
/** One canary host, then two, approved after the canary. */
const CANARY: Setup = {
  waves: [["N1"], ["N2", "N3"]],
  strategy: { type: "canary", canaryHosts: 1, maxUnavailable: 2, approval: "after-canary" },
};
const EVERY_WAVE: Setup = {
  waves: [["N1"], ["N2"]],
  strategy: { type: "rolling", maxUnavailable: 1, approval: "every-wave" },
};
/** Each host updates, then bakes 30 s: two ops per host. */
const BAKED: Setup = {
  waves: [["N1"], ["N2"]],
  gates: { progressDeadlineSeconds: 60, bakeSeconds: 30 },
};
const PAUSE_ON_FAILURE: Setup = { ...ROLLING_2X2, onFailure: "pause" };
const LATTICE_PAUSE_ON_FAILURE: Setup = { ...WITH_LATTICE, onFailure: "pause" };

// ── Histories ───────────────────────────────────────────────────────────────────────────────

const DRIFT = ["n1 runs hello 0.3.0 ×1, the plan expected 0.1.0 ×1"];
/** Wave 1 (N1, N2) checked and both updates sent. */
const WAVE1_SENT = [advance, checked(0)];
/** ROLLING_3 with N1 and N2 done and N3 sent. */
const LAST_HOST_SENT = [advance, checked(0), done("N1"), checked(1), done("N2"), checked(2)];
/** CANARY after its canary host passed. */
const CANARY_PASSED = [advance, checked(0), done("N1")];
/** WITH_LATTICE with both lattice steps applied and N1 sent. */
const LATTICE_N1_SENT = [advance, latticeDone(0), latticeDone(1), checked(0)];
/** ROLLING_3 whose only touched host failed, and whose restore then failed too. */
const ROLLBACK_FAILED = [
  advance,
  checked(0),
  failed("N1", "deadline passed"),
  rbDone("N1", 0, "pull failed"),
];

interface Row {
  name: string;
  setup: Setup;
  history?: RolloutEvent[];
  event: RolloutEvent;
  /** Expected next state (accepted events). */
  state?: RolloutState;
  /** Expected effects, in order, as `effectLine`s. */
  effects?: string[];
  /** A substring of the rollout's message after the event. */
  message?: string;
  /** Hosts whose `hostLines` entry must be exactly this. */
  hosts?: Record<string, string>;
  /** The event is refused with exactly this error (the API's 409 body). */
  error?: string;
  /** The record's state and exec are exactly as before (a stale or ignored event). */
  unchanged?: boolean;
  check?: (next: RolloutRecord, effects: RolloutEffect[], prev: RolloutRecord) => void;
}

const rows: Row[] = [
  // ── A new rolling rollout ──
  {
    name: "a new rollout runs its first lattice step, and only that",
    setup: WITH_LATTICE,
    event: advance,
    state: "running",
    effects: ["lattice:forward:0"],
    check: (_next, effects) => expect(effects[0]).toMatchObject({ step: LATTICE_STEPS[0] }),
  },
  {
    name: "the next lattice step starts once the previous one is applied",
    setup: WITH_LATTICE,
    history: [advance],
    event: latticeDone(0),
    state: "running",
    effects: ["lattice:forward:1"],
  },
  {
    name: "after the last lattice step, wave 1's drift check starts",
    setup: WITH_LATTICE,
    history: [advance, latticeDone(0)],
    event: latticeDone(1),
    effects: ["check:0"],
    check: (_next, effects) => expect(effects[0]).toMatchObject({ hostIds: ["N1"] }),
  },
  {
    name: "a rollout without lattice steps checks wave 1 before touching any host",
    setup: ROLLING_2X2,
    event: advance,
    state: "running",
    effects: ["check:0"],
    hosts: { N1: "forward 0/1 idle none", N2: "forward 0/1 idle none" },
  },
  {
    name: "a clean check sends one op to each host of wave 1, and none to wave 2",
    setup: ROLLING_2X2,
    history: [advance],
    event: checked(0),
    effects: ["op:forward:N1:0", "op:forward:N2:0"],
    hosts: {
      N1: "forward 0/1 running none",
      N2: "forward 0/1 running none",
      N3: "forward 0/1 idle none",
      N4: "forward 0/1 idle none",
    },
    check: (next, effects) => {
      // The progress deadline runs from the first request (API.md gates).
      const deadline = T0 + 2000 + 60_000;
      expect(effects).toMatchObject([
        { op: { op: "component-update", id: "hello", imageRef: "ghcr.io/acme/hello:0.2.0" } },
        { deadline, resume: false },
      ]);
      expect(next.exec.hosts.N1?.deadline).toBe(deadline);
      expect(next.exec.hosts.N1?.touched).toBe(true);
      expect(next.exec.hosts.N3?.touched).toBe(false);
    },
  },
  {
    name: "maxUnavailable 1: a clean check sends one op only",
    setup: ROLLING_3,
    history: [advance],
    event: checked(0),
    effects: ["op:forward:N1:0"],
  },
  {
    name: "one host of wave 1 done: wave 2 still waits for the other",
    setup: ROLLING_2X2,
    history: WAVE1_SENT,
    event: done("N1"),
    state: "running",
    effects: ["watch op:forward:N2:0"],
    hosts: { N1: "forward 1/1 idle succeeded", N3: "forward 0/1 idle none" },
  },
  {
    name: "a repeated check result for a running wave sends nothing twice",
    setup: ROLLING_2X2,
    history: WAVE1_SENT,
    event: checked(0),
    effects: ["watch op:forward:N1:0", "watch op:forward:N2:0"],
    unchanged: true,
  },

  // ── Ops, waves, success ──
  {
    name: "a finished op moves the host to its next op, within the same deadline",
    setup: BAKED,
    history: [advance, checked(0)],
    event: done("N1", 0),
    effects: ["op:forward:N1:1"],
    hosts: { N1: "forward 1/2 running none" },
    check: (next, effects) => {
      expect(effects[0]).toMatchObject({ op: { op: "bake", seconds: 30 } });
      expect(next.exec.hosts.N1?.deadline).toBe(T0 + 2000 + 60_000);
    },
  },
  {
    name: "the host's last op marks it succeeded; the wave passes and wave 2's check starts",
    setup: BAKED,
    history: [advance, checked(0), done("N1", 0)],
    event: done("N1", 1),
    state: "running",
    effects: ["check:1"],
    hosts: { N1: "forward 2/2 idle succeeded", N2: "forward 0/2 idle none" },
    check: (next) => expect(next.exec.waveIndex).toBe(1),
  },
  {
    name: "the last host of the last wave done: the rollout succeeded",
    setup: ROLLING_3,
    history: LAST_HOST_SENT,
    event: done("N3"),
    state: "succeeded",
    effects: [],
    message: "every wave passed its gates",
  },

  // ── Approvals ──
  {
    name: "every-wave: a new rollout waits for approval, sending nothing",
    setup: EVERY_WAVE,
    event: advance,
    state: "awaiting-approval",
    effects: [],
    message: "wave 1 waits for approval",
  },
  {
    name: "every-wave: an approval for the reviewed plan starts wave 1's check",
    setup: EVERY_WAVE,
    event: act("approve", PLAN_HASH),
    state: "running",
    effects: ["check:0"],
    check: (next) => expect(next.exec.approved).toEqual([0]),
  },
  {
    name: "every-wave: wave 2 waits for its own approval",
    setup: EVERY_WAVE,
    history: [act("approve"), checked(0)],
    event: done("N1"),
    state: "awaiting-approval",
    effects: [],
    message: "wave 2 waits for approval",
  },
  {
    name: "after-canary: the rollout stops after the canary wave",
    setup: CANARY,
    history: [advance, checked(0)],
    event: done("N1"),
    state: "awaiting-approval",
    effects: [],
    hosts: { N2: "forward 0/1 idle none", N3: "forward 0/1 idle none" },
  },
  {
    name: "after-canary: once approved, the remaining wave runs without another stop",
    setup: CANARY,
    history: [...CANARY_PASSED, act("approve", PLAN_HASH)],
    event: checked(1),
    state: "running",
    effects: ["op:forward:N2:0", "op:forward:N3:0"],
  },
  {
    name: "an approval bound to another plan is refused",
    setup: CANARY,
    history: CANARY_PASSED,
    event: act("approve", "plan-0"),
    error: "this approval is for plan plan-0, but the rollout runs plan plan-1",
  },
  {
    name: "approving a running rollout is refused, naming its state",
    setup: ROLLING_3,
    history: [advance],
    event: act("approve", PLAN_HASH),
    error: "cannot approve a rollout that is running",
  },

  // ── Pause, resume, abort ──
  {
    name: "pause: in-flight ops are still watched, nothing new is sent",
    setup: ROLLING_2X2,
    history: WAVE1_SENT,
    event: act("pause"),
    state: "paused",
    effects: ["watch op:forward:N1:0", "watch op:forward:N2:0"],
    message: "paused by bob",
  },
  {
    name: "paused: an in-flight op's result is still recorded",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("pause")],
    event: done("N1"),
    state: "paused",
    effects: ["watch op:forward:N2:0"],
    hosts: { N1: "forward 1/1 idle succeeded" },
  },
  {
    name: "paused: the wave finishing starts no check of the next wave",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("pause"), done("N1")],
    event: done("N2"),
    state: "paused",
    effects: [],
    hosts: { N2: "forward 1/1 idle succeeded", N3: "forward 0/1 idle none" },
  },
  {
    name: "paused: a host's next op waits for resume",
    setup: BAKED,
    history: [advance, checked(0), act("pause")],
    event: done("N1", 0),
    state: "paused",
    effects: [],
    hosts: { N1: "forward 1/2 idle none" },
  },
  {
    name: "resume sends the op that waited",
    setup: BAKED,
    history: [advance, checked(0), act("pause"), done("N1", 0)],
    event: act("resume"),
    state: "running",
    effects: ["op:forward:N1:1"],
  },
  {
    name: "resume continues with the next wave's check",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("pause"), done("N1"), done("N2")],
    event: act("resume"),
    state: "running",
    effects: ["check:1"],
    message: "resumed by bob",
  },
  {
    name: "pause while awaiting approval, and resume: awaiting approval again",
    setup: CANARY,
    history: [...CANARY_PASSED, act("pause")],
    event: act("resume"),
    state: "awaiting-approval",
    effects: [],
  },
  {
    name: "resuming a running rollout is refused, naming its state",
    setup: ROLLING_3,
    history: [advance],
    event: act("resume"),
    error: "cannot resume a rollout that is running",
  },
  {
    name: "abort: aborted, in-flight ops still watched, nothing new",
    setup: ROLLING_2X2,
    history: WAVE1_SENT,
    event: act("abort"),
    state: "aborted",
    effects: ["watch op:forward:N1:0", "watch op:forward:N2:0"],
    message: "aborted by bob; in-flight steps finish",
  },
  {
    name: "aborted: an in-flight result is still recorded",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("abort")],
    event: done("N1"),
    state: "aborted",
    effects: ["watch op:forward:N2:0"],
    hosts: { N1: "forward 1/1 idle succeeded" },
  },
  {
    name: "aborted: the wave's last result starts nothing and leaves wave 2 as it is",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("abort"), done("N1")],
    event: done("N2"),
    state: "aborted",
    effects: [],
    hosts: { N3: "forward 0/1 idle none", N4: "forward 0/1 idle none" },
  },
  {
    name: "aborted: a failed in-flight result is recorded without rolling back",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("abort")],
    event: failed("N1", "deadline passed"),
    state: "aborted",
    effects: ["watch op:forward:N2:0"],
    hosts: { N1: "forward 0/1 idle failed (deadline passed)" },
  },
  {
    name: "aborting a succeeded rollout is refused",
    setup: ROLLING_3,
    history: [...LAST_HOST_SENT, done("N3")],
    event: act("abort"),
    error: "cannot abort a rollout that is succeeded",
  },

  // ── Drift ──
  {
    name: "drift before wave 1 pauses the rollout with the reason",
    setup: ROLLING_2X2,
    history: [advance],
    event: checked(0, DRIFT),
    state: "paused",
    effects: [],
    message: `the lattice drifted before wave 1: ${DRIFT[0]}`,
    hosts: { N1: "forward 0/1 idle none" },
  },
  {
    name: "resume after drift checks the wave again",
    setup: ROLLING_2X2,
    history: [advance, checked(0, DRIFT)],
    event: act("resume"),
    state: "running",
    effects: ["check:0"],
  },
  {
    name: "after that resume, the wave's drift is accepted and its hosts start",
    setup: ROLLING_2X2,
    history: [advance, checked(0, DRIFT), act("resume")],
    event: checked(0, DRIFT),
    state: "running",
    effects: ["op:forward:N1:0", "op:forward:N2:0"],
    check: (next) => expect(next.exec.driftAccepted).toEqual([0]),
  },
  {
    name: "accepted drift is for that wave only: drift before wave 2 pauses again",
    setup: ROLLING_2X2,
    history: [advance, checked(0, DRIFT), act("resume"), checked(0, DRIFT), done("N1"), done("N2")],
    event: checked(1, ["n3 is stale"]),
    state: "paused",
    effects: [],
    message: "the lattice drifted before wave 2: n3 is stale",
  },
  {
    name: "pausing and resuming while awaiting approval accepts no drift",
    setup: CANARY,
    history: [...CANARY_PASSED, act("pause"), act("resume"), act("approve")],
    event: checked(1, ["n2 is stale"]),
    state: "paused",
    effects: [],
    message: "the lattice drifted before wave 2: n2 is stale",
  },
  {
    name: "pausing and resuming during the lattice steps accepts no drift",
    setup: WITH_LATTICE,
    history: [advance, act("pause"), latticeDone(0), act("resume"), latticeDone(1)],
    event: checked(0, DRIFT),
    state: "paused",
    effects: [],
    message: "the lattice drifted before wave 1",
  },
  {
    name: "a drift result that lands after an abort leaves the rollout aborted",
    setup: ROLLING_2X2,
    history: [advance, act("abort")],
    event: checked(0, DRIFT),
    state: "aborted",
    effects: [],
  },
  {
    name: "a drift result that lands during a rollback does not stop the rollback",
    setup: ROLLING_3,
    history: [advance, checked(0), done("N1"), act("rollback")],
    event: checked(1, DRIFT),
    state: "rolling-back",
    effects: ["watch op:rollback:N1:0"],
  },

  // ── Failure with onFailure: rollback ──
  {
    name: "a failed host rolls the rollout back, waiting for the wave's in-flight op",
    setup: ROLLING_2X2,
    history: WAVE1_SENT,
    event: failed("N1", "deadline passed"),
    state: "rolling-back",
    effects: ["watch op:forward:N2:0"],
    message: "host N1: deadline passed",
    hosts: { N1: "forward 0/1 idle failed (deadline passed)" },
  },
  {
    name: "the wave's last forward op lands: only its touched hosts are restored",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, failed("N1", "deadline passed")],
    event: done("N2"),
    state: "rolling-back",
    effects: ["op:rollback:N1:0", "op:rollback:N2:0"],
    hosts: {
      N1: "rollback 0/1 running none",
      N2: "rollback 0/1 running none",
      N3: "forward 0/1 idle none",
      N4: "forward 0/1 idle none",
    },
    check: (_next, effects) =>
      expect(effects[0]).toMatchObject({
        op: { op: "component-update", imageRef: "ghcr.io/acme/hello:0.1.0" },
        deadline: T0 + 4000 + 60_000,
      }),
  },
  {
    name: "rollback restores the current wave first",
    setup: ROLLING_3,
    history: LAST_HOST_SENT,
    event: failed("N3", "health check failed"),
    state: "rolling-back",
    effects: ["op:rollback:N3:0"],
    hosts: { N1: "rollback 0/1 idle none", N2: "rollback 0/1 idle none" },
    check: (next) => expect(next.exec.rollback?.waves).toEqual([["N3"], ["N2"], ["N1"]]),
  },
  {
    name: "then the earlier waves, newest first",
    setup: ROLLING_3,
    history: [...LAST_HOST_SENT, failed("N3", "health check failed")],
    event: rbDone("N3"),
    effects: ["op:rollback:N2:0"],
    hosts: { N3: "rollback 1/1 idle succeeded" },
  },
  {
    name: "hosts restored: lattice steps are restored last, last step first",
    setup: WITH_LATTICE,
    history: [...LATTICE_N1_SENT, failed("N1", "deadline passed")],
    event: rbDone("N1"),
    state: "rolling-back",
    effects: ["lattice:rollback:1"],
    check: (_next, effects) => expect(effects[0]).toMatchObject({ step: LATTICE_STEPS[1] }),
  },
  {
    name: "then the first lattice step",
    setup: WITH_LATTICE,
    history: [...LATTICE_N1_SENT, failed("N1", "deadline passed"), rbDone("N1")],
    event: restored(1),
    effects: ["lattice:rollback:0"],
  },
  {
    name: "everything restored: rolled back",
    setup: WITH_LATTICE,
    history: [...LATTICE_N1_SENT, failed("N1", "deadline passed"), rbDone("N1"), restored(1)],
    event: restored(0),
    state: "rolled-back",
    effects: [],
    message: "every touched host is back on its recorded before-state",
    hosts: { N1: "rollback 1/1 idle succeeded", N2: "forward 0/1 idle none" },
  },
  {
    name: "a failed rollback op ends the rollout failed with the host's error",
    setup: ROLLING_3,
    history: [advance, checked(0), failed("N1", "deadline passed")],
    event: rbDone("N1", 0, "pull failed"),
    state: "failed",
    effects: [],
    message: "rollback incomplete: N1: pull failed",
    hosts: { N1: "rollback 0/1 idle failed (pull failed)" },
  },
  {
    name: "a failed lattice step rolls back: the step is restored, as it may have landed",
    setup: WITH_LATTICE,
    history: [advance],
    event: latticeDone(0, "kv put timed out"),
    state: "rolling-back",
    effects: ["lattice:rollback:0"],
    message: "config hello-cfg-v2: kv put timed out",
  },
  {
    name: "a rollback asked for while a lattice step is in flight waits for it",
    setup: WITH_LATTICE,
    history: [advance],
    event: act("rollback"),
    state: "rolling-back",
    effects: ["lattice:forward:0"],
  },
  {
    name: "then restores that lattice step too",
    setup: WITH_LATTICE,
    history: [advance, act("rollback")],
    event: latticeDone(0),
    state: "rolling-back",
    effects: ["lattice:rollback:0"],
  },

  // ── Failure with onFailure: pause ──
  {
    name: "a failed host pauses the rollout with the host's error",
    setup: PAUSE_ON_FAILURE,
    history: WAVE1_SENT,
    event: failed("N1", "deadline passed"),
    state: "paused",
    effects: ["watch op:forward:N2:0"],
    message: "host N1: deadline passed",
  },
  {
    name: "resume is refused while a host failed",
    setup: PAUSE_ON_FAILURE,
    history: [...WAVE1_SENT, failed("N1", "deadline passed"), done("N2")],
    event: act("resume"),
    error: "cannot resume: 1 host(s) failed; retry them or roll back",
  },
  {
    name: "retry runs the failed host's ops again, from the first, with a new deadline",
    setup: PAUSE_ON_FAILURE,
    history: [...WAVE1_SENT, failed("N1", "deadline passed"), done("N2")],
    event: act("retry"),
    state: "running",
    effects: ["op:forward:N1:0"],
    hosts: { N1: "forward 0/1 running none", N2: "forward 1/1 idle succeeded" },
    check: (next) => expect(next.exec.hosts.N1?.deadline).toBe(T0 + 5000 + 60_000),
  },
  {
    name: "the retried host succeeds: the wave passes",
    setup: PAUSE_ON_FAILURE,
    history: [...WAVE1_SENT, failed("N1", "deadline passed"), done("N2"), act("retry")],
    event: done("N1"),
    state: "running",
    effects: ["check:1"],
  },
  {
    name: "retry of a rollout with no failed host is refused",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("pause")],
    event: act("retry"),
    error: "cannot retry: no host failed in this paused rollout",
  },
  {
    name: "a failed lattice step pauses the rollout",
    setup: LATTICE_PAUSE_ON_FAILURE,
    history: [advance],
    event: latticeDone(0, "kv put timed out"),
    state: "paused",
    effects: [],
    message: "config hello-cfg-v2: kv put timed out",
  },
  {
    name: "resume is refused while a lattice step failed",
    setup: LATTICE_PAUSE_ON_FAILURE,
    history: [advance, latticeDone(0, "kv put timed out")],
    event: act("resume"),
    error: "cannot resume: lattice step config hello-cfg-v2 failed; retry it or roll back",
  },
  {
    name: "retry runs the failed lattice step again",
    setup: LATTICE_PAUSE_ON_FAILURE,
    history: [advance, latticeDone(0, "kv put timed out")],
    event: act("retry"),
    state: "running",
    effects: ["lattice:forward:0"],
    check: (next) => expect(next.exec.latticeErrors).toEqual({}),
  },

  // ── The rollback action ──
  {
    name: "rollback of a running rollout waits for the in-flight ops",
    setup: ROLLING_2X2,
    history: WAVE1_SENT,
    event: act("rollback"),
    state: "rolling-back",
    effects: ["watch op:forward:N1:0", "watch op:forward:N2:0"],
    message: "rollback requested by bob",
  },
  {
    name: "rollback of a paused rollout restores its touched hosts",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("pause"), done("N1"), done("N2")],
    event: act("rollback"),
    state: "rolling-back",
    effects: ["op:rollback:N1:0", "op:rollback:N2:0"],
  },
  {
    name: "rollback while awaiting approval restores the canary",
    setup: CANARY,
    history: CANARY_PASSED,
    event: act("rollback"),
    state: "rolling-back",
    effects: ["op:rollback:N1:0"],
  },
  {
    name: "rollback before anything was sent has nothing to restore: rolled back",
    setup: EVERY_WAVE,
    event: act("rollback"),
    state: "rolled-back",
    effects: [],
  },
  {
    name: "rollback of an aborted rollout restores the hosts it touched",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("abort"), done("N1"), failed("N2", "deadline passed")],
    event: act("rollback"),
    state: "rolling-back",
    effects: ["op:rollback:N1:0", "op:rollback:N2:0"],
  },
  {
    name: "rollback of a failed rollout retries the restores that failed",
    setup: ROLLING_3,
    history: ROLLBACK_FAILED,
    event: act("rollback"),
    state: "rolling-back",
    effects: ["op:rollback:N1:0"],
    hosts: { N1: "rollback 0/1 running none" },
  },
  {
    name: "retry of a failed rollback runs a failed lattice restore again",
    setup: WITH_LATTICE,
    history: [
      ...LATTICE_N1_SENT,
      failed("N1", "deadline passed"),
      rbDone("N1"),
      restored(1, "kv down"),
      restored(0),
    ],
    event: act("retry"),
    state: "rolling-back",
    effects: ["lattice:rollback:1"],
  },
  {
    name: "rollback of a succeeded rollout is refused: it takes a new rollout",
    setup: ROLLING_3,
    history: [...LAST_HOST_SENT, done("N3")],
    event: act("rollback"),
    error: "a succeeded rollout is rolled back by a new rollout from its restore-spec",
  },
  {
    name: "rollback of a rollout already rolling back is refused, naming its state",
    setup: ROLLING_3,
    history: [...LAST_HOST_SENT, failed("N3", "x"), rbDone("N3"), rbDone("N2")],
    event: act("rollback"),
    error: "cannot rollback a rollout that is rolling-back",
  },
  {
    name: "rollback of a rolled-back rollout is refused, naming its state",
    setup: ROLLING_3,
    history: [...LAST_HOST_SENT, failed("N3", "x"), rbDone("N3"), rbDone("N2"), rbDone("N1")],
    event: act("rollback"),
    error: "cannot rollback a rollout that is rolled-back",
  },

  // ── Restart ──
  {
    name: "restart mid-wave: the in-flight op is watched with its recorded deadline, never resent",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, done("N1")],
    event: advance,
    state: "running",
    effects: ["watch op:forward:N2:0"],
    unchanged: true,
    check: (_next, effects) => expect(effects[0]).toMatchObject({ deadline: T0 + 2000 + 60_000 }),
  },
  {
    name: "restart during a host's second op watches that op, not the first",
    setup: BAKED,
    history: [advance, checked(0), done("N1", 0)],
    event: advance,
    effects: ["watch op:forward:N1:1"],
    unchanged: true,
  },
  {
    name: "restart during a lattice step runs its idempotent put once more",
    setup: WITH_LATTICE,
    history: [advance],
    event: advance,
    effects: ["lattice:forward:0"],
    unchanged: true,
  },
  {
    name: "restart during a wave check checks once more",
    setup: ROLLING_2X2,
    history: [advance],
    event: advance,
    effects: ["check:0"],
    unchanged: true,
  },
  {
    name: "restart during a rollback watches the restore in flight",
    setup: ROLLING_3,
    history: [advance, checked(0), failed("N1", "deadline passed")],
    event: advance,
    state: "rolling-back",
    effects: ["watch op:rollback:N1:0"],
    unchanged: true,
  },
  {
    name: "restart of an aborted rollout watches what is still in flight, sends nothing",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, act("abort"), done("N1")],
    event: advance,
    effects: ["watch op:forward:N2:0"],
    unchanged: true,
  },

  // ── Stale results ──
  {
    name: "a second result for an op already done changes nothing",
    setup: BAKED,
    history: [advance, checked(0), done("N1", 0)],
    event: done("N1", 0),
    effects: ["watch op:forward:N1:1"],
    unchanged: true,
  },
  {
    name: "a late failure for an op already done changes nothing",
    setup: ROLLING_2X2,
    history: [...WAVE1_SENT, done("N1")],
    event: failed("N1", "deadline passed"),
    state: "running",
    unchanged: true,
  },
  {
    name: "a rollback-phase result for a host going forward changes nothing",
    setup: ROLLING_2X2,
    history: WAVE1_SENT,
    event: rbDone("N1"),
    unchanged: true,
  },
  {
    name: "a result for a host not in the plan changes nothing",
    setup: ROLLING_2X2,
    history: WAVE1_SENT,
    event: done("N9"),
    unchanged: true,
  },
  {
    name: "a lattice result for a step not running changes nothing",
    setup: WITH_LATTICE,
    history: [advance],
    event: latticeDone(1),
    effects: ["lattice:forward:0"],
    unchanged: true,
  },
  {
    name: "a check result for another wave changes nothing",
    setup: ROLLING_2X2,
    history: [advance],
    event: checked(1, DRIFT),
    effects: ["check:0"],
    unchanged: true,
  },
];

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe("step: (state, event) → (next, effects)", () => {
  for (const row of rows)
    it(row.name, () => {
      const r = rollout(row.setup);
      const prev = deepFreeze(after(r, row.history ?? []));
      const copy = structuredClone(prev);
      const now = T0 + ((row.history ?? []).length + 1) * 1000;
      // A frozen input: any write to the record or the plan throws.
      const result = step(prev, deepFreeze(r.plan), row.event, now);
      expect(prev).toEqual(copy);
      expect(step(prev, r.plan, row.event, now)).toEqual(result);

      if (row.error !== undefined) {
        expect(result).toEqual({ ok: false, error: row.error });
        return;
      }
      expectOk(result);
      const next = result.next;
      if (row.state !== undefined) expect(next.state).toBe(row.state);
      if (row.effects !== undefined) expect(effectLines(result)).toEqual(row.effects);
      if (row.message !== undefined) expect(next.message).toContain(row.message);
      if (row.hosts !== undefined) expect(hostLines(next)).toMatchObject(row.hosts);
      if (row.unchanged) {
        expect(next.state).toBe(prev.state);
        expect(next.exec).toEqual(prev.exec);
        expect(result.log).toEqual([]);
      }
      // Whatever the event, an op already in flight is watched, never sent again.
      const inFlight = Object.values(prev.exec.hosts).filter((h) => h.opStatus === "running");
      for (const h of inFlight) {
        expect(result.effects).not.toContainEqual(
          expect.objectContaining({
            kind: "run-op",
            hostId: h.hostId,
            phase: h.phase,
            opIndex: h.opIndex,
            resume: false,
          }),
        );
      }
      row.check?.(next, result.effects, prev);
    });
});

describe("step: the records it writes", () => {
  it("every next record parses as a persisted record", () => {
    for (const row of rows) {
      const r = rollout(row.setup);
      const result: StepResult = step(after(r, row.history ?? []), r.plan, row.event, T0);
      if (result.ok) expect(RolloutRecord.safeParse(result.next).success).toBe(true);
    }
  });
});

describe("toApiRollout: what the API shows of a record", () => {
  it("a lattice step whose restore failed shows failed with its error", () => {
    const r = rollout(WITH_LATTICE);
    const rec = after(r, [
      ...LATTICE_N1_SENT,
      failed("N1", "deadline passed"),
      rbDone("N1"),
      restored(1, "kv down"),
      restored(0),
    ]);
    expect(rec.state).toBe("failed");
    expect(toApiRollout(rec, r.plan).latticeSteps).toEqual([
      { kind: "config", id: "hello-cfg-v2", state: "rolled-back" },
      { kind: "link", id: "hello/wasi:keyvalue/default", state: "failed", error: "kv down" },
    ]);
  });

  it("a failed restore shows on its host and its wave", () => {
    const r = rollout(ROLLING_3);
    const api = toApiRollout(after(r, ROLLBACK_FAILED), r.plan);
    expect(api.state).toBe("failed");
    expect(api.waves.map((w) => w.state)).toEqual(["failed", "pending", "pending"]);
    expect(api.waves[0]?.hosts).toEqual([{ hostId: "N1", state: "failed", error: "pull failed" }]);
  });

  it("hosts in flight show their step and deadline; the canary wave waits for approval", () => {
    const r = rollout(CANARY);
    const sent = toApiRollout(after(r, [advance, checked(0)]), r.plan);
    expect(sent.waves[0]?.hosts).toEqual([
      {
        hostId: "N1",
        state: "in-progress",
        step: "update hello to ghcr.io/acme/hello:0.2.0",
        deadline: T0 + 2000 + 60_000,
      },
    ]);
    const waiting = toApiRollout(after(r, CANARY_PASSED), r.plan);
    expect(waiting.waves.map((w) => w.state)).toEqual(["succeeded", "awaiting-approval"]);
  });
});
