import "server-only";

/** Named errors of the lattice layer; `code` is what the HTTP edge maps to a status. */
export const LATTICE_ERROR_CODES = [
  "invalid_id",
  "host_gone",
  "no_hosts",
  "ctl_timeout",
  "ctl_refused",
  "malformed_reply",
  "unknown_lattice",
  "unknown_host",
  "not_connected",
] as const;
export type LatticeErrorCode = (typeof LATTICE_ERROR_CODES)[number];

/**
 * The code of a lattice error, recognised by shape rather than `instanceof`: Next bundles
 * instrumentation and each route separately, so an error thrown by the registry (built from
 * one bundle) is an instance of another bundle's copy of these classes.
 */
export function latticeErrorCode(err: unknown): LatticeErrorCode | undefined {
  if (!(err instanceof Error) || !("code" in err) || typeof err.code !== "string") return undefined;
  return LATTICE_ERROR_CODES.find((c) => c === err.code);
}

export class LatticeError extends Error {
  constructor(
    readonly code: LatticeErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An id that is not a single subject token (protocol §1.2) — refused before sending. */
export class InvalidIdError extends LatticeError {
  constructor(what: string, value: string) {
    super(
      "invalid_id",
      `${what} must be a single token of [A-Za-z0-9_-], got ${JSON.stringify(value)}`,
    );
  }
}

/** No responders on a host-targeted subject: the host is gone (protocol §1.4). */
export class HostGoneError extends LatticeError {
  constructor(
    readonly hostId: string,
    options?: ErrorOptions,
  ) {
    super("host_gone", `host ${hostId} is gone (no responders)`, options);
  }
}

/** No responders on a queue-group subject: no host runs in the lattice (protocol §1.4). */
export class NoHostsError extends LatticeError {
  constructor(
    readonly lattice: string,
    options?: ErrorOptions,
  ) {
    super("no_hosts", `no hosts in lattice ${lattice}`, options);
  }
}

export class CtlTimeoutError extends LatticeError {
  constructor(
    readonly subject: string,
    timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super("ctl_timeout", `no reply on ${subject} within ${timeoutMs} ms`, options);
  }
}

/** The host answered `success: false`; `message` is the host's text (protocol §1.3). */
export class CtlRefusedError extends LatticeError {
  constructor(
    readonly subject: string,
    hostMessage: string,
  ) {
    super("ctl_refused", hostMessage || "request refused");
  }
}

export class MalformedReplyError extends LatticeError {
  constructor(
    readonly subject: string,
    detail: string,
  ) {
    super("malformed_reply", `malformed reply on ${subject}: ${detail}`);
  }
}

export class UnknownLatticeError extends LatticeError {
  constructor(readonly lattice: string) {
    super("unknown_lattice", `unknown lattice ${lattice}`);
  }
}

export class UnknownHostError extends LatticeError {
  constructor(readonly hostId: string) {
    super("unknown_host", `unknown host ${hostId}`);
  }
}

export class NotConnectedError extends LatticeError {
  constructor(lattice: string) {
    super("not_connected", `not connected to NATS for lattice ${lattice}`);
  }
}
