import { z } from "zod";
import { EventList } from "@/lib/schemas/stream";
import { Host, HostList } from "@/lib/schemas/host";
import { ApiError, HealthResponse, LatticeList } from "@/lib/schemas/lattice";

/** A non-2xx answer or an unexpected body from the console's own HTTP API. */
export class ApiRequestError extends Error {
  readonly status: number;
  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ApiRequestError";
    this.status = status;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 404;
}

export interface EventFilter {
  host?: string;
  type?: string;
}

async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { accept: "application/json" } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ApiError.safeParse(body);
    const message = parsed.success ? parsed.data.error : `${res.status} ${res.statusText}`;
    throw new ApiRequestError(res.status, message);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError(res.status, `unexpected response from ${path}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

const seg = encodeURIComponent;

export const api = {
  health: (signal?: AbortSignal) => getJson("/api/health", HealthResponse, signal),
  lattices: (signal?: AbortSignal) => getJson("/api/lattices", LatticeList, signal),
  hosts: (lattice: string, signal?: AbortSignal) =>
    getJson(`/api/lattices/${seg(lattice)}/hosts`, HostList, signal),
  host: (lattice: string, hostId: string, signal?: AbortSignal) =>
    getJson(`/api/lattices/${seg(lattice)}/hosts/${seg(hostId)}`, Host, signal),
  events: (lattice: string, filter: EventFilter, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    if (filter.host) params.set("host", filter.host);
    if (filter.type) params.set("type", filter.type);
    const query = params.size > 0 ? `?${params}` : "";
    return getJson(`/api/lattices/${seg(lattice)}/events${query}`, EventList, signal);
  },
};

export function streamUrl(lattice: string): string {
  return `/api/lattices/${seg(lattice)}/stream`;
}
