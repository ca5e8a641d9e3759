import type { StatusTone } from "@/lib/host-view";
import type { LatticeStreamState, StreamStatus } from "@/lib/hooks/stream-status";
import { toneClasses } from "./status-badge";

const display: Record<StreamStatus, { tone: StatusTone; label: string }> = {
  connecting: { tone: "progressing", label: "Connecting" },
  live: { tone: "ok", label: "Live" },
  reconnecting: { tone: "warning", label: "Reconnecting" },
  disconnected: { tone: "failed", label: "Disconnected" },
};

/**
 * The live-feed state, announced politely when it changes. The console server's own NATS
 * link is shown too: a live stream from a server that lost NATS carries no news.
 */
export function ConnectionIndicator({ state }: { state: LatticeStreamState }) {
  const { tone, label } = display[state.status];
  const natsDown = state.status === "live" && state.serverConnection !== "connected";
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 text-xs">
      <span className="bg-panel/10 inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 font-medium">
        <span
          aria-hidden="true"
          className={`size-2 rounded-full ${toneClasses[tone].dot} ${state.status === "live" ? "" : "animate-pulse"}`}
        />
        <span>
          <span className="sr-only">Live updates: </span>
          {label}
        </span>
      </span>
      {natsDown && state.serverConnection !== null && (
        <span
          className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 font-medium ring-1 ${toneClasses[state.serverConnection === "disconnected" ? "failed" : "warning"].badge}`}
        >
          <span aria-hidden="true">⚠</span>
          Lattice {state.serverConnection === "disconnected" ? "unreachable" : "reconnecting"}: the
          console lost NATS; data may be out of date
        </span>
      )}
    </div>
  );
}
