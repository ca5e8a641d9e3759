/** Pure display formatting for the console; time is always passed in. */

/** Compact uptime: `45s`, `12m 05s`, `3h 07m`, `5d 4h`. */
export function formatUptime(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  const seconds = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** Uptime now, extrapolated from the last report so it ticks without refetching. */
export function currentUptime(uptimeSeconds: number, reportedAt: string, nowMs: number): number {
  const reported = Date.parse(reportedAt);
  if (Number.isNaN(reported)) return uptimeSeconds;
  return uptimeSeconds + Math.max(0, (nowMs - reported) / 1000);
}

/** `just now`, `12s ago`, `4m ago`, `3h ago`, `2d ago`. */
export function formatAgo(iso: string, nowMs: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "unknown";
  const s = Math.floor((nowMs - then) / 1000);
  if (s < 2) return "just now";
  if (s < 60) return `${s}s ago`;
  if (s < 3_600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3_600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

/** `2026-11-29 13:45:12 UTC`: unambiguous across operators' time zones. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** `NABCD…WXYZ`: enough of a 56-char host key to tell hosts apart. */
export function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
}

/** `com.wasmcloud.lattice.component_scaled` → `component_scaled`. */
export function shortEventType(type: string): string {
  return type.replace(/^com\.wasmcloud\.lattice\./, "");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
