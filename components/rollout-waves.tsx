import { formatTimestamp, plural } from "@/lib/format";
import {
  formatCountdown,
  GRID_CELL_TONE,
  gridCell,
  hostStepLabel,
  waveStateLabel,
  waveStateTone,
} from "@/lib/rollout-view";
import type { Rollout } from "@/lib/schemas/rollout";
import { StatusBadge, toneClasses } from "./status-badge";
import { StatusIcon } from "./status-icon";

/**
 * The waves in order, each host with its step state, current step and error, and each wave's
 * ETA from the waves already done. `now` ticks the deadlines.
 */
export function RolloutWaves({
  rollout,
  etas,
  now,
  hostName,
}: {
  rollout: Rollout;
  etas: Array<number | null>;
  now: number;
  hostName: (hostId: string) => string;
}) {
  return (
    <ol aria-label="Waves" className="space-y-2">
      {rollout.waves.map((wave, i) => (
        <li key={i} className="border-border bg-panel rounded-md border p-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <h3 className="font-semibold">Wave {i + 1}</h3>
            <StatusBadge tone={waveStateTone(wave.state)}>{waveStateLabel(wave.state)}</StatusBadge>
            <span className="text-muted text-xs">{plural(wave.hosts.length, "host")}</span>
            {etas[i] != null && (
              <span
                className="text-muted text-xs"
                title={formatTimestamp(new Date(etas[i]).toISOString())}
              >
                ETA in {formatCountdown(etas[i] - now)}
              </span>
            )}
          </div>
          <ul className="mt-2 grid gap-1 text-xs sm:grid-cols-2 lg:grid-cols-3">
            {wave.hosts.map((h) => (
              <li key={h.hostId} className="min-w-0">
                <span
                  className={`inline-flex items-center gap-1 ${toneClasses[GRID_CELL_TONE[gridCell(h.state)]].text}`}
                >
                  <StatusIcon tone={GRID_CELL_TONE[gridCell(h.state)]} />
                  <span className="text-ink font-mono">{hostName(h.hostId)}</span>
                  <span>{hostStepLabel(h.state)}</span>
                </span>
                {h.step && h.state === "in-progress" && (
                  <span className="text-muted block pl-5">
                    {h.step}
                    {h.deadline !== undefined && (
                      <> · deadline in {formatCountdown(h.deadline - now)}</>
                    )}
                  </span>
                )}
                {h.error && <span className="text-failed block pl-5 break-words">{h.error}</span>}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
