import { z } from "zod";
import { EventList } from "@/lib/schemas/stream";
import { Host, HostList } from "@/lib/schemas/host";
import { ApiError, HealthResponse, LatticeList } from "@/lib/schemas/lattice";
import { ConfigList, LinkList } from "@/lib/schemas/lattice-data";
import {
  Plan,
  RevisionList,
  Rollout,
  RolloutList,
  RolloutLog,
  RolloutSpec,
  RevisionTargetKind,
  type RolloutAction,
  type RolloutSpecInput,
} from "@/lib/schemas/rollout";

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

export function rolloutStreamUrl(lattice: string): string {
  return `/api/lattices/${seg(lattice)}/rollouts/stream`;
}

// ── Rollouts: the answers an operator acts on are values, not throws ─────────────────────────

/** A 400 of `POST …/plans`: one entry per offending field, `path` as in `strategy.maxUnavailable`. */
const FieldIssues = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});
const PlanConflict = z.object({ error: z.string(), plan: Plan });

export type FieldIssue = z.infer<typeof FieldIssues>["issues"][number];

export type PlanOutcome = { kind: "plan"; plan: Plan } | { kind: "invalid"; issues: FieldIssue[] };

export type StartOutcome =
  | { kind: "created"; rollout: Rollout }
  /** The lattice drifted since the preview: this is the plan it would run now (409). */
  | { kind: "drift"; plan: Plan }
  /** The plan has errors and cannot start (400). */
  | { kind: "invalid"; plan: Plan };

export type ActionOutcome =
  /** `created`: a rollback of a succeeded rollout answered with a new rollout (201). */
  | { kind: "ok"; rollout: Rollout; created: boolean }
  | { kind: "drift"; plan: Plan }
  | { kind: "refused"; error: string };

async function postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(path, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

function unexpected(path: string, status: number, body: unknown): ApiRequestError {
  const parsed = ApiError.safeParse(body);
  return new ApiRequestError(
    status,
    parsed.success ? parsed.data.error : `unexpected response ${status} from ${path}`,
  );
}

/** What has a revision history: a component or a provider id. */
export type WorkloadKind = z.infer<typeof RevisionTargetKind>;

const rolloutsPath = (lattice: string) => `/api/lattices/${seg(lattice)}/rollouts`;

export const rolloutApi = {
  list: (lattice: string, signal?: AbortSignal) =>
    getJson(rolloutsPath(lattice), RolloutList, signal),
  get: (lattice: string, id: string, signal?: AbortSignal) =>
    getJson(`${rolloutsPath(lattice)}/${seg(id)}`, Rollout, signal),
  log: (lattice: string, id: string, signal?: AbortSignal) =>
    getJson(`${rolloutsPath(lattice)}/${seg(id)}/log`, RolloutLog, signal),
  restoreSpec: (lattice: string, id: string, signal?: AbortSignal) =>
    getJson(`${rolloutsPath(lattice)}/${seg(id)}/restore-spec`, RolloutSpec, signal),
  revisions: (lattice: string, kind: WorkloadKind, id: string, signal?: AbortSignal) =>
    getJson(
      `/api/lattices/${seg(lattice)}/revisions?${new URLSearchParams({ kind, id })}`,
      RevisionList,
      signal,
    ),
  links: (lattice: string, signal?: AbortSignal) =>
    getJson(`/api/lattices/${seg(lattice)}/links`, LinkList, signal),
  configs: (lattice: string, signal?: AbortSignal) =>
    getJson(`/api/lattices/${seg(lattice)}/configs`, ConfigList, signal),

  async plan(lattice: string, spec: RolloutSpecInput): Promise<PlanOutcome> {
    const path = `/api/lattices/${seg(lattice)}/plans`;
    const res = await postJson(path, spec);
    if (res.status === 200) {
      const plan = Plan.safeParse(res.body);
      if (plan.success) return { kind: "plan", plan: plan.data };
    }
    if (res.status === 400) {
      const issues = FieldIssues.safeParse(res.body);
      if (issues.success) return { kind: "invalid", issues: issues.data.issues };
    }
    throw unexpected(path, res.status, res.body);
  },

  async start(lattice: string, spec: RolloutSpecInput, planHash: string): Promise<StartOutcome> {
    const path = rolloutsPath(lattice);
    const res = await postJson(path, { spec, planHash });
    if (res.status === 201) {
      const rollout = Rollout.safeParse(res.body);
      if (rollout.success) return { kind: "created", rollout: rollout.data };
    }
    const conflict = PlanConflict.safeParse(res.body);
    if (conflict.success && res.status === 409) return { kind: "drift", plan: conflict.data.plan };
    if (conflict.success && res.status === 400)
      return { kind: "invalid", plan: conflict.data.plan };
    throw unexpected(path, res.status, res.body);
  },

  async act(
    lattice: string,
    id: string,
    action: RolloutAction,
    planHash?: string,
  ): Promise<ActionOutcome> {
    const path = `${rolloutsPath(lattice)}/${seg(id)}/${action}`;
    const res = await postJson(path, planHash === undefined ? {} : { planHash });
    if (res.status === 200 || res.status === 201) {
      const rollout = Rollout.safeParse(res.body);
      if (rollout.success) {
        return { kind: "ok", rollout: rollout.data, created: res.status === 201 };
      }
    }
    if (res.status === 409) {
      const conflict = PlanConflict.safeParse(res.body);
      if (conflict.success) return { kind: "drift", plan: conflict.data.plan };
      const refused = ApiError.safeParse(res.body);
      if (refused.success) return { kind: "refused", error: refused.data.error };
    }
    throw unexpected(path, res.status, res.body);
  },
};
