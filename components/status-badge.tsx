import type { ReactNode } from "react";
import type { StatusTone } from "@/lib/host-view";
import { StatusIcon } from "./status-icon";

/** The one place a status becomes colours. */
export const toneClasses: Record<StatusTone, { badge: string; text: string; dot: string }> = {
  ok: { badge: "bg-ok-soft text-ok ring-ok/25", text: "text-ok", dot: "bg-ok" },
  progressing: {
    badge: "bg-progressing-soft text-progressing ring-progressing/25",
    text: "text-progressing",
    dot: "bg-progressing",
  },
  warning: {
    badge: "bg-warning-soft text-warning ring-warning/30",
    text: "text-warning",
    dot: "bg-warning",
  },
  failed: {
    badge: "bg-failed-soft text-failed ring-failed/25",
    text: "text-failed",
    dot: "bg-failed",
  },
  unknown: {
    badge: "bg-unknown-soft text-unknown ring-unknown/25",
    text: "text-unknown",
    dot: "bg-unknown",
  },
};

export function StatusBadge({
  tone,
  children,
  title,
}: {
  tone: StatusTone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-flex h-5 items-center gap-1 rounded px-1.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${toneClasses[tone].badge}`}
    >
      <StatusIcon tone={tone} />
      {children}
    </span>
  );
}
