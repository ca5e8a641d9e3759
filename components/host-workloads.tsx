import { imageVersion } from "@/lib/image-ref";
import { isWadmManaged, providerTone } from "@/lib/host-view";
import type { ComponentStatus, ProviderStatus } from "@/lib/schemas/host";
import { EmptyState } from "./state-panel";
import { StatusBadge } from "./status-badge";

const th = "px-3 py-2 font-medium";

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

function WadmMark({ annotations }: { annotations: Record<string, string> }) {
  return isWadmManaged(annotations) ? (
    <StatusBadge tone="progressing" title="wadm reconciles manual changes back to its manifest">
      managed by wadm
    </StatusBadge>
  ) : null;
}

export function ComponentList({ components }: { components: ComponentStatus[] }) {
  if (components.length === 0) return <EmptyState title="No components on this host" />;
  return (
    <div className="border-border bg-panel overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">Components</caption>
        <thead className="text-muted text-left text-xs">
          <tr>
            <th scope="col" className={th}>
              Component
            </th>
            <th scope="col" className={th}>
              Image
            </th>
            <th scope="col" className={`${th} text-right`}>
              Max instances
            </th>
            <th scope="col" className={th}>
              Annotations
            </th>
          </tr>
        </thead>
        <tbody>
          {components.map((c) => (
            <tr key={c.id} className="border-border border-t align-top">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <div className="font-mono font-medium">{c.id}</div>
                <WadmMark annotations={c.annotations} />
              </th>
              <td className="px-3 py-2 font-mono text-xs break-all">
                {c.imageRef}
                <div className="text-muted">version {imageVersion(c.imageRef)}</div>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{c.maxInstances}</td>
              <td className="px-3 py-2">
                <Annotations annotations={c.annotations} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProviderList({ providers }: { providers: ProviderStatus[] }) {
  if (providers.length === 0) return <EmptyState title="No providers on this host" />;
  return (
    <div className="border-border bg-panel overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">Providers</caption>
        <thead className="text-muted text-left text-xs">
          <tr>
            <th scope="col" className={th}>
              Provider
            </th>
            <th scope="col" className={th}>
              Health
            </th>
            <th scope="col" className={th}>
              Image
            </th>
            <th scope="col" className={th}>
              Annotations
            </th>
          </tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.id} className="border-border border-t align-top">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <div className="font-mono font-medium">{p.id}</div>
                <WadmMark annotations={p.annotations} />
              </th>
              <td className="px-3 py-2">
                <StatusBadge tone={providerTone(p.health)}>{p.health}</StatusBadge>
              </td>
              <td className="px-3 py-2 font-mono text-xs break-all">
                {p.imageRef}
                <div className="text-muted">version {imageVersion(p.imageRef)}</div>
              </td>
              <td className="px-3 py-2">
                <Annotations annotations={p.annotations} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
