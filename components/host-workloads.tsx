import { imageVersion } from "@/lib/image-ref";
import { isWadmManaged, providerTone } from "@/lib/host-view";
import type { ComponentStatus, ProviderStatus } from "@/lib/schemas/host";
import { type Column, RowHeading, TableHead, TablePanel } from "./data-table";
import { EmptyState } from "./state-panel";
import { StatusBadge } from "./status-badge";

const COMPONENT_COLUMNS: readonly Column[] = [
  { label: "Component" },
  { label: "Image" },
  { label: "Max instances", isNumeric: true },
  { label: "Annotations" },
];

const PROVIDER_COLUMNS: readonly Column[] = [
  { label: "Provider" },
  { label: "Health" },
  { label: "Image" },
  { label: "Annotations" },
];

function Annotations({ annotations }: { annotations: Record<string, string> }) {
  const entries = Object.entries(annotations);
  if (entries.length === 0) return <span className="text-muted">none</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 font-mono text-[11px]">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The row's id, flagged when wadm owns the workload and will undo manual changes. */
function WorkloadHeading({ id, annotations }: { id: string; annotations: Record<string, string> }) {
  return (
    <RowHeading>
      <div className="font-mono font-medium">{id}</div>
      {isWadmManaged(annotations) && (
        <StatusBadge tone="progressing" title="wadm reconciles manual changes back to its manifest">
          managed by wadm
        </StatusBadge>
      )}
    </RowHeading>
  );
}

function ImageCell({ imageRef }: { imageRef: string }) {
  return (
    <td className="px-3 py-2 font-mono text-xs break-all">
      {imageRef}
      <div className="text-muted">version {imageVersion(imageRef)}</div>
    </td>
  );
}

export function ComponentList({ components }: { components: ComponentStatus[] }) {
  if (components.length === 0) return <EmptyState title="No components on this host" />;
  return (
    <TablePanel caption="Components">
      <TableHead columns={COMPONENT_COLUMNS} />
      <tbody>
        {components.map((c) => (
          <tr key={c.id} className="border-border border-t align-top">
            <WorkloadHeading id={c.id} annotations={c.annotations} />
            <ImageCell imageRef={c.imageRef} />
            <td className="px-3 py-2 text-right tabular-nums">{c.maxInstances}</td>
            <td className="px-3 py-2">
              <Annotations annotations={c.annotations} />
            </td>
          </tr>
        ))}
      </tbody>
    </TablePanel>
  );
}

export function ProviderList({ providers }: { providers: ProviderStatus[] }) {
  if (providers.length === 0) return <EmptyState title="No providers on this host" />;
  return (
    <TablePanel caption="Providers">
      <TableHead columns={PROVIDER_COLUMNS} />
      <tbody>
        {providers.map((p) => (
          <tr key={p.id} className="border-border border-t align-top">
            <WorkloadHeading id={p.id} annotations={p.annotations} />
            <td className="px-3 py-2">
              <StatusBadge tone={providerTone(p.health)}>{p.health}</StatusBadge>
            </td>
            <ImageCell imageRef={p.imageRef} />
            <td className="px-3 py-2">
              <Annotations annotations={p.annotations} />
            </td>
          </tr>
        ))}
      </tbody>
    </TablePanel>
  );
}
