import type { RolloutAction, RolloutState } from "@/lib/schemas/rollout";

/** One operator action as data: its button, when it applies, and what its dialog says. */
export interface RolloutActionSpec {
  action: RolloutAction;
  label: string;
  /** The states in which the server accepts it (server/rollouts/step-actions.ts). */
  appliesTo: readonly RolloutState[];
  /** Destructive ones are styled as such; every action confirms in a dialog. */
  isDestructive: boolean;
  confirm: string;
}

export const ROLLOUT_ACTIONS: readonly RolloutActionSpec[] = [
  {
    action: "approve",
    label: "Approve",
    appliesTo: ["awaiting-approval"],
    isDestructive: false,
    confirm: "Approve the next wave of the reviewed plan? Its hosts start changing at once.",
  },
  {
    action: "pause",
    label: "Pause",
    appliesTo: ["running", "awaiting-approval"],
    isDestructive: false,
    confirm: "Pause the rollout? Steps in flight finish; no new step starts until you resume.",
  },
  {
    action: "resume",
    label: "Resume",
    appliesTo: ["paused"],
    isDestructive: false,
    confirm: "Resume the rollout where it stopped?",
  },
  {
    action: "retry",
    label: "Retry",
    appliesTo: ["paused", "failed"],
    isDestructive: false,
    confirm: "Run the failed hosts' steps again?",
  },
  {
    action: "abort",
    label: "Abort",
    appliesTo: ["running", "paused", "awaiting-approval"],
    isDestructive: true,
    confirm:
      "Abort the rollout? Steps in flight finish and every host stays as it is, changed or not.",
  },
  {
    action: "rollback",
    label: "Roll back",
    appliesTo: ["running", "paused", "awaiting-approval", "aborted", "failed", "succeeded"],
    isDestructive: true,
    confirm: "Roll back? Every host this rollout touched returns to its recorded before-state.",
  },
];

/** The actions to offer for a rollout in `state`, in display order. */
export function actionsFor(state: RolloutState): RolloutActionSpec[] {
  return ROLLOUT_ACTIONS.filter((a) => a.appliesTo.includes(state));
}

/**
 * A succeeded rollout is rolled back by a new rollout planned from its restore-spec, which the
 * operator previews first (API.md); in every other state the rollback runs on the rollout itself.
 */
export function rollbackNeedsPreview(state: RolloutState): boolean {
  return state === "succeeded";
}
