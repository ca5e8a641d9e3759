import type {
  DeleteLinkCommand,
  ScaleComponentCommand,
  StartProviderCommand,
  StopProviderCommand,
  UpdateComponentCommand,
} from "./commands";
import type { z } from "zod";

/**
 * Pure builders of the ctl v1 request bodies the console sends (protocol §2.3–2.5, §6.1),
 * from camelCase arguments. They encode the wire rules once: `count`, never `max_instances`;
 * `host_id` always; annotations always, because a rescale or update replaces them wholesale;
 * never `allow_update`; `component_limits` only when given. Id validation is the caller's.
 */

type StringMap = Readonly<Record<string, string>>;

export interface ScaleComponentArgs {
  hostId: string;
  componentId: string;
  componentRef: string;
  /** Per-host concurrency cap; 0 stops the component. Sent as `count` (protocol §2.3). */
  count: number;
  /**
   * The component's current annotations: a rescale that changes the count re-creates the
   * component with the request's annotations, `{}` when omitted (protocol §10).
   */
  annotations: StringMap;
  config?: readonly string[];
  /** 1.9 `component_limits`; omitted when not given (an empty map would set `{}`, §5.1). */
  componentLimits?: StringMap;
}

/** The `component.scale` body: exactly these keys, never `max_instances` or `allow_update`. */
export interface ScaleComponentBody {
  component_id: string;
  component_ref: string;
  count: number;
  host_id: string;
  annotations: Record<string, string>;
  config: string[];
  component_limits?: Record<string, string>;
}

export function scaleComponentBody(args: ScaleComponentArgs): ScaleComponentBody {
  return {
    component_id: args.componentId,
    component_ref: args.componentRef,
    count: args.count,
    host_id: args.hostId,
    annotations: { ...args.annotations },
    config: [...(args.config ?? [])],
    ...(args.componentLimits ? { component_limits: { ...args.componentLimits } } : {}),
  } satisfies ScaleComponentCommand;
}

export interface UpdateComponentArgs {
  hostId: string;
  componentId: string;
  newComponentRef: string;
  /** The component's current annotations: an update replaces them (protocol §7.2). */
  annotations: StringMap;
}

export interface UpdateComponentBody {
  component_id: string;
  new_component_ref: string;
  host_id: string;
  annotations: Record<string, string>;
}

export function updateComponentBody(args: UpdateComponentArgs): UpdateComponentBody {
  return {
    component_id: args.componentId,
    new_component_ref: args.newComponentRef,
    host_id: args.hostId,
    annotations: { ...args.annotations },
  } satisfies UpdateComponentCommand;
}

export interface StartProviderArgs {
  hostId: string;
  providerId: string;
  providerRef: string;
  config?: readonly string[];
  annotations?: StringMap;
}

export interface StartProviderBody {
  provider_id: string;
  provider_ref: string;
  host_id: string;
  config: string[];
  annotations: Record<string, string>;
}

export function startProviderBody(args: StartProviderArgs): StartProviderBody {
  return {
    provider_id: args.providerId,
    provider_ref: args.providerRef,
    host_id: args.hostId,
    config: [...(args.config ?? [])],
    annotations: { ...args.annotations },
  } satisfies StartProviderCommand;
}

export interface StopProviderArgs {
  hostId: string;
  providerId: string;
}

export interface StopProviderBody {
  host_id: string;
  provider_id: string;
}

export function stopProviderBody(args: StopProviderArgs): StopProviderBody {
  return { host_id: args.hostId, provider_id: args.providerId } satisfies StopProviderCommand;
}

export interface DeleteLinkArgs {
  sourceId: string;
  witNamespace: string;
  witPackage: string;
  /** Defaults to `default`, as the host does (protocol §6.1). */
  name?: string;
}

export interface DeleteLinkBody {
  source_id: string;
  name: string;
  wit_namespace: string;
  wit_package: string;
}

/** The `link.del` key: no target, no interfaces (protocol §6.1). */
export function deleteLinkBody(args: DeleteLinkArgs): DeleteLinkBody {
  return {
    source_id: args.sourceId,
    name: args.name ?? "default",
    wit_namespace: args.witNamespace,
    wit_package: args.witPackage,
  } satisfies z.input<typeof DeleteLinkCommand>;
}
