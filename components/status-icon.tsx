import type { StatusTone } from "@/lib/host-view";

const paths: Record<StatusTone, string> = {
  ok: "M5 8.5l2 2 4-4.5",
  progressing: "M8 4v4l2.5 1.5",
  warning: "M8 4.5v4M8 11v.01",
  failed: "M5.5 5.5l5 5M10.5 5.5l-5 5",
  unknown: "M6.3 6.2a1.8 1.8 0 113 1.4c-.7.4-1.3.8-1.3 1.6M8 11v.01",
};

/** A status glyph; always paired with text, so it is hidden from screen readers. */
export function StatusIcon({ tone, className = "" }: { tone: StatusTone; className?: string }) {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      className={`size-3.5 shrink-0 ${className}`}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {tone === "warning" ? <path d="M8 1.8l6.4 11.4H1.6z" /> : <circle cx="8" cy="8" r="6.4" />}
      <path d={paths[tone]} />
    </svg>
  );
}
