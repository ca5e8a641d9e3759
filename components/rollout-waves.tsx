import { formatTimestamp, plural } from "@/lib/format";
import {
  formatCountdown,
  GRID_CELL_TONE,
  gridCell,
  hostStepLabel,
  waveStateLabel,
  waveStateTone,
} from "@/lib/rollout-view";
import { useState } from "react";
import { WINDOW_THRESHOLD } from "@/lib/hooks/use-window-rows";
import type { Rollout, RolloutWave } from "@/lib/schemas/rollout";
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
  const hostCount = rollout.waves.reduce((n, w) => n + w.hosts.length, 0);
  const isLarge = hostCount > WINDOW_THRESHOLD;
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
          <WaveHosts wave={wave} isLarge={isLarge} now={now} hostName={hostName} />
        </li>
      ))}
    </ol>
  );
}

/** Waves whose hosts an operator is watching: the rest of a large rollout starts folded. */
const isCurrent = (wave: RolloutWave) =>
  wave.state === "running" ||
  wave.state === "awaiting-approval" ||
  wave.state === "failed" ||
  wave.state === "rolling-back" ||
  wave.hosts.some((h) => h.error !== undefined);

/**
 * A wave's hosts. In a rollout of more than a few hundred hosts, waves not being worked on
 * are folded (and not rendered) until opened, so a ticking deadline re-renders dozens of
 * hosts rather than thousands.
 */
function WaveHosts({
  wave,
  isLarge,
  now,
  hostName,
}: {
  wave: RolloutWave;
  isLarge: boolean;
  now: number;
  hostName: (hostId: string) => string;
}) {
  // Follows the wave (unfolds when it starts, folds when done) unless the operator toggled it.
  const [override, setOverride] = useState<boolean | null>(null);
  const byState = !isLarge || isCurrent(wave);
  const isOpen = override ?? byState;
  const list = (
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
              {h.deadline !== undefined && <> · deadline in {formatCountdown(h.deadline - now)}</>}
            </span>
          )}
          {h.error && <span className="text-failed block pl-5 break-words">{h.error}</span>}
        </li>
      ))}
    </ul>
  );
  if (!isLarge) return list;
  return (
    <details
      open={isOpen}
      onToggle={(e) => {
        const open = e.currentTarget.open;
        setOverride(open === byState ? null : open);
      }}
      className="mt-2 text-xs"
    >
      <summary className="text-accent cursor-pointer">
        {isOpen ? "Hide hosts" : `Show ${plural(wave.hosts.length, "host")}`}
      </summary>
      {isOpen && list}
    </details>
  );
}
