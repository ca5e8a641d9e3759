import { rolloutStateLabel, rolloutStateTone } from "@/lib/rollout-view";
import type { RolloutState } from "@/lib/schemas/rollout";
import { StatusBadge } from "./status-badge";

/** A rollout's own state: one icon, one token, the exact words of the state. */
export function RolloutStateBadge({ state }: { state: RolloutState }) {
  return <StatusBadge tone={rolloutStateTone(state)}>{rolloutStateLabel(state)}</StatusBadge>;
}
