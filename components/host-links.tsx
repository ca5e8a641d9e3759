import type { HostLink } from "@/lib/link-view";
import { linkInterface } from "@/lib/link-view";
import { type Column, RowHeading, TableHead, TablePanel } from "./data-table";
import { EmptyState } from "./state-panel";

const COLUMNS: readonly Column[] = [
  { label: "Direction" },
  { label: "Source" },
  { label: "Target" },
  { label: "Interface" },
  { label: "Name" },
  { label: "Configs" },
];

const DIRECTION_TEXT: Record<HostLink["direction"], string> = {
  outgoing: "→ out",
  incoming: "← in",
  both: "↔ both",
};

const DIRECTION_TITLE: Record<HostLink["direction"], string> = {
  outgoing: "A workload on this host is the link's source",
  incoming: "A workload on this host is the link's target",
  both: "Both ends run on this host",
};

function ConfigNames({ label, names }: { label: string; names: string[] }) {
  if (names.length === 0) return null;
  return (
    <div>
      <span className="text-muted">{label}: </span>
      <span className="font-mono">{names.join(", ")}</span>
    </div>
  );
}

/** The links of a host's components and providers, both the ones they call and those calling them. */
export function HostLinkList({ links }: { links: HostLink[] }) {
  if (links.length === 0)
    return <EmptyState title="No links">No component or provider here is linked.</EmptyState>;
  return (
    <TablePanel caption="Links of this host's components and providers">
      <TableHead columns={COLUMNS} />
      <tbody>
        {links.map(({ link, direction, key }) => (
          <tr key={key} className="border-border border-t align-top">
            <RowHeading>
              <span title={DIRECTION_TITLE[direction]} className="whitespace-nowrap">
                {DIRECTION_TEXT[direction]}
              </span>
            </RowHeading>
            <td className="px-3 py-2 font-mono text-xs">{link.sourceId}</td>
            <td className="px-3 py-2 font-mono text-xs">{link.target}</td>
            <td className="px-3 py-2 font-mono text-xs break-all">{linkInterface(link)}</td>
            <td className="px-3 py-2 font-mono text-xs">{link.name}</td>
            <td className="px-3 py-2 text-xs">
              <ConfigNames label="source" names={link.sourceConfig} />
              <ConfigNames label="target" names={link.targetConfig} />
              {link.sourceConfig.length + link.targetConfig.length === 0 && (
                <span className="text-muted">none</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TablePanel>
  );
}
