import "server-only";
import type { z } from "zod";
import { ConfigError } from "@/server/config";
import { latticeErrorCode, type LatticeErrorCode } from "@/server/lattice";

function statusFor(code: LatticeErrorCode): number {
  switch (code) {
    case "invalid_id":
      return 400;
    case "unknown_lattice":
    case "unknown_host":
    case "host_gone":
      return 404;
    case "ctl_refused":
      return 409;
    case "malformed_reply":
      return 502;
    case "no_hosts":
    case "not_connected":
      return 503;
    case "ctl_timeout":
      return 504;
  }
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * The one place named errors become HTTP statuses. Anything unnamed is a bare 500 that leaks
 * nothing (it is logged server-side instead).
 */
export function errorResponse(err: unknown): Response {
  const code = latticeErrorCode(err);
  if (code && err instanceof Error) return json({ error: err.message }, statusFor(code));
  // By shape, like lattice errors: the rollouts layer's "no such rollout".
  if (err instanceof Error && "code" in err && err.code === "unknown_rollout") {
    return json({ error: err.message }, 404);
  }
  // By shape, not instanceof: see `latticeErrorCode`.
  if (err instanceof Error && "code" in err && err.code === ConfigError.code) {
    console.error(err.message);
    return json({ error: "server misconfigured" }, 500);
  }
  console.error(err);
  return json({ error: "internal error" }, 500);
}

/** 400 naming each offending field, as the API contract describes. */
export function badRequest(error: z.ZodError): Response {
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  const summary = first
    ? `invalid ${first.path || "request"}: ${first.message}`
    : "invalid request";
  return json({ error: summary, issues }, 400);
}
