import type { ReactNode } from "react";

/** One column heading; numeric columns align right, like their cells. */
export interface Column {
  label: string;
  isNumeric?: boolean;
}

const HEAD_CELL = "px-3 py-2 font-medium";

/**
 * Column headings of a data table. A sticky head stays under the 3rem app bar while the page
 * scrolls, so it needs its own background and a bottom rule.
 */
export function TableHead({
  columns,
  isSticky = false,
}: {
  columns: readonly Column[];
  isSticky?: boolean;
}) {
  return (
    <thead
      className={
        isSticky
          ? "bg-panel text-muted sticky top-12 z-10 text-left text-xs shadow-[0_1px_0_var(--color-border)]"
          : "text-muted text-left text-xs"
      }
    >
      <tr>
        {columns.map((column) => (
          <th
            key={column.label}
            scope="col"
            className={column.isNumeric ? `${HEAD_CELL} text-right` : HEAD_CELL}
          >
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A bordered panel holding a full-width table that scrolls sideways on narrow screens. */
export function TablePanel({
  caption,
  rowCount,
  children,
}: {
  caption?: string;
  /** All rows, header included, when only some are rendered (`aria-rowcount`). */
  rowCount?: number;
  children: ReactNode;
}) {
  return (
    <div className="border-border bg-panel overflow-x-auto rounded-md border">
      <table className="w-full text-sm" aria-rowcount={rowCount}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

/** The first cell of a body row, naming the row for assistive tech. */
export function RowHeading({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="px-3 py-2 text-left font-normal">
      {children}
    </th>
  );
}

/** Stands in for the rows of a windowed table that are not rendered, keeping its height. */
export function SpacerRow({ colSpan, height }: { colSpan: number; height: number }) {
  return (
    <tr aria-hidden="true">
      <td colSpan={colSpan} style={{ height }} />
    </tr>
  );
}
