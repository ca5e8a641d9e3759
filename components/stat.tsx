import type { StatusTone } from "@/lib/host-view";
import { toneClasses } from "./status-badge";

/** One figure of a page's summary strip; a tone colours the figure, the label names it. */
export function Stat({
  label,
  value,
  tone,
}: {
  label: string;
  value: number | string;
  tone?: StatusTone;
}) {
  return (
    <div className="border-border bg-panel min-w-28 rounded-md border px-3 py-2">
      <dt className="text-muted text-xs">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone ? toneClasses[tone].text : ""}`}>
        {value}
      </dd>
    </div>
  );
}

export function StatStrip({ children }: { children: React.ReactNode }) {
  return <dl className="mb-4 flex flex-wrap gap-2">{children}</dl>;
}
