/** The console's button looks; every action button uses one of these. */
export const BUTTON = {
  primary:
    "inline-flex h-8 items-center gap-1.5 rounded bg-accent px-3 text-sm font-medium text-panel hover:bg-accent/90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-50",
  secondary:
    "inline-flex h-8 items-center gap-1.5 rounded border border-border bg-panel px-3 text-sm font-medium hover:border-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-50",
  danger:
    "inline-flex h-8 items-center gap-1.5 rounded bg-failed px-3 text-sm font-medium text-panel hover:bg-failed/90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-failed disabled:cursor-not-allowed disabled:opacity-50",
  small:
    "inline-flex h-6 items-center rounded border border-border bg-panel px-2 text-xs font-medium whitespace-nowrap hover:border-accent focus-visible:outline-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-50",
} as const;
