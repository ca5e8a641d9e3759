"use client";

import { useEffect, useState, type RefObject } from "react";

export interface RowWindow {
  start: number;
  end: number;
}

/** Below this many rows everything renders: simpler for find-in-page and screen readers. */
export const WINDOW_THRESHOLD = 200;
const OVERSCAN = 20;

/**
 * Which rows of a long, fixed-row-height list scrolled with the page are near the viewport,
 * so a lattice of thousands of hosts renders a few dozen rows.
 */
export function useWindowRows(
  anchor: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): RowWindow {
  const [range, setRange] = useState<RowWindow>({ start: 0, end: Math.min(count, 60) });
  useEffect(() => {
    if (count <= WINDOW_THRESHOLD) return;
    const measure = () => {
      const top = anchor.current?.getBoundingClientRect().top ?? 0;
      const first = Math.floor(-top / rowHeight);
      const start = Math.max(0, first - OVERSCAN);
      const end = Math.min(count, first + Math.ceil(window.innerHeight / rowHeight) + OVERSCAN);
      setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
    };
    measure();
    window.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    return () => {
      window.removeEventListener("scroll", measure);
      window.removeEventListener("resize", measure);
    };
  }, [anchor, count, rowHeight]);
  return count <= WINDOW_THRESHOLD ? { start: 0, end: count } : range;
}
