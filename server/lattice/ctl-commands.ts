import "server-only";

/** Console-side (camelCase) command inputs; the ctl client maps them to wire bodies (§2). */
export interface ScaleComponent {
  hostId: string;
  componentId: string;
  componentRef: string;
  /** Per-host concurrency cap; 0 stops the component. Sent as `count` (protocol §2.3). */
  count: number;
  annotations?: Record<string, string>;
  config?: string[];
  componentLimits?: Record<string, string>;
}

export interface UpdateComponent {
  hostId: string;
  componentId: string;
  newComponentRef: string;
  /** The component's current annotations: an update replaces them (protocol §7.2). */
  annotations: Record<string, string>;
}

export interface StartProvider {
  hostId: string;
  providerId: string;
  providerRef: string;
  config?: string[];
  annotations?: Record<string, string>;
}

export interface LinkKey {
  sourceId: string;
  witNamespace: string;
  witPackage: string;
  name?: string;
}
