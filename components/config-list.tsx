import { type ConfigUse, visibleValues } from "@/lib/link-view";
import { type Column, RowHeading, TableHead, TablePanel } from "./data-table";
import { EmptyState } from "./state-panel";
import { StatusBadge } from "./status-badge";

const COLUMNS: readonly Column[] = [{ label: "Name" }, { label: "Values" }, { label: "Named by" }];

function Values({ use }: { use: ConfigUse }) {
  const values = visibleValues(use);
  if (values === null)
    return (
      <StatusBadge tone="unknown" title="A secret reference: its values are never shown">
        secret, not shown
      </StatusBadge>
    );
  if (values.length === 0) return <span className="text-muted">empty</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 font-mono text-xs">
      {values.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Named configs (lattice-wide) with their values; `SECRET_*` ones by name only. */
export function ConfigList({ uses }: { uses: ConfigUse[] }) {
  if (uses.length === 0)
    return <EmptyState title="No named configs">This lattice stores no named config.</EmptyState>;
  return (
    <TablePanel caption="Named configs">
      <TableHead columns={COLUMNS} />
      <tbody>
        {uses.map((use) => (
          <tr key={use.config.name} className="border-border border-t align-top">
            <RowHeading>
              <span className="font-mono text-xs font-medium">{use.config.name}</span>
            </RowHeading>
            <td className="px-3 py-2">
              <Values use={use} />
            </td>
            <td className="px-3 py-2 font-mono text-xs">
              {use.usedByLinks.length === 0 ? (
                <span className="text-muted font-sans">no link of this host</span>
              ) : (
                use.usedByLinks.map((key) => <div key={key}>{key}</div>)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TablePanel>
  );
}
