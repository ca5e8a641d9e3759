import "server-only";
import type { NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";
import {
  ConfigValues,
  ctlSubject,
  deleteLinkBody,
  HostInventory,
  Link,
  PingHost,
  scaleComponentBody,
  startProviderBody,
  stopProviderBody,
  updateComponentBody,
  type CtlReply,
} from "@/lib/protocol";
import { ack, payload, parsePing, token, type CtlAck } from "./ctl-replies";
import { ctlGather, ctlRequest, type Responder } from "./ctl-transport";
import { CtlRefusedError, CtlTimeoutError, NotConnectedError } from "./errors";
import type * as Cmd from "./ctl-commands";

export interface CtlClientOptions {
  lattice: string;
  prefix: string;
  /** The live connection, or null while not (yet) connected. */
  connection: () => NatsConnection | null;
  /** Default timeout of targeted requests (protocol §1.4: reference client 2 s). */
  timeoutMs?: number;
  /** `host.get` timeout; ≥ 5 s because a compiling host holds its table lock (§1.4). */
  hostGetTimeoutMs?: number;
}

export type { CtlAck };

export type PingResult = { hosts: PingHost[]; malformed: number };

/**
 * Typed request/reply for every ctl v1 operation the console uses (protocol §2). Decisions are
 * taken on `success` only; `message` is carried as text (§1.3).
 */
export class CtlClient {
  private readonly timeoutMs: number;
  private readonly hostGetTimeoutMs: number;

  constructor(private readonly options: CtlClientOptions) {
    token("lattice", options.lattice);
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.hostGetTimeoutMs = Math.max(options.hostGetTimeoutMs ?? 5_000, 1);
  }

  get lattice(): string {
    return this.options.lattice;
  }

  /** Scatter-gather ping; stops early once every id in `expectHostIds` has answered. */
  async ping(opts: { windowMs: number; stallMs?: number; expectHostIds?: ReadonlySet<string> }) {
    const subject = this.subject("host", "ping");
    const hosts = new Map<string, PingHost>();
    let malformed = 0;
    let expectedSeen = 0;
    const expected = opts.expectHostIds;
    await ctlGather(this.nc(), subject, {
      windowMs: opts.windowMs,
      stallMs: opts.stallMs,
      onReply: (raw) => {
        const host = parsePing(subject, raw);
        if (!host) malformed += 1;
        else if (!hosts.has(host.id) && expected?.has(host.id)) expectedSeen += 1;
        if (host) hosts.set(host.id, host);
        return expected !== undefined && expected.size > 0 && expectedSeen === expected.size;
      },
    });
    return { hosts: [...hosts.values()], malformed } satisfies PingResult;
  }

  /** `host.get` with one retry on timeout (protocol §1.4). */
  async getHost(hostId: string): Promise<HostInventory> {
    const subject = this.subject("host", "get", token("host id", hostId));
    const responder: Responder = { kind: "host", hostId };
    let reply: CtlReply;
    try {
      reply = await ctlRequest(this.nc(), subject, undefined, responder, this.hostGetTimeoutMs);
    } catch (err) {
      if (!(err instanceof CtlTimeoutError)) throw err;
      reply = await ctlRequest(this.nc(), subject, undefined, responder, this.hostGetTimeoutMs);
    }
    return payload(subject, reply, HostInventory);
  }

  /** Stops a host; sends `{}` (or a timeout in ms), never an empty body (protocol §2.1). */
  stopHost(hostId: string, opts: { timeoutMs?: number } = {}): Promise<CtlAck> {
    const body = opts.timeoutMs === undefined ? {} : { host_id: hostId, timeout: opts.timeoutMs };
    return this.toHost(hostId, ["host", "stop"], body);
  }

  /**
   * Sends `count`, never `max_instances` (protocol §2.3), never `allow_update` (§7.3), and the
   * annotations the caller must pass: a rescale replaces them (§10).
   */
  scaleComponent(cmd: Cmd.ScaleComponent): Promise<CtlAck> {
    const body = scaleComponentBody({
      ...cmd,
      componentId: token("component id", cmd.componentId),
      config: cmd.config?.map((name) => token("config name", name)),
    });
    return this.toHost(cmd.hostId, ["component", "scale"], body);
  }

  /** Annotations are required: an update replaces them wholesale (protocol §7.2). */
  updateComponent(cmd: Cmd.UpdateComponent): Promise<CtlAck> {
    const body = updateComponentBody({
      ...cmd,
      componentId: token("component id", cmd.componentId),
    });
    return this.toHost(cmd.hostId, ["component", "update"], body);
  }

  startProvider(cmd: Cmd.StartProvider): Promise<CtlAck> {
    const body = startProviderBody({
      ...cmd,
      providerId: token("provider id", cmd.providerId),
      config: cmd.config?.map((name) => token("config name", name)),
    });
    return this.toHost(cmd.hostId, ["provider", "start"], body);
  }

  stopProvider(cmd: Cmd.StopProvider): Promise<CtlAck> {
    const body = stopProviderBody({ ...cmd, providerId: token("provider id", cmd.providerId) });
    return this.toHost(cmd.hostId, ["provider", "stop"], body);
  }

  putLabel(hostId: string, key: string, value: string): Promise<CtlAck> {
    return this.toHost(hostId, ["label", "put"], { key, value });
  }

  deleteLabel(hostId: string, key: string): Promise<CtlAck> {
    return this.toHost(hostId, ["label", "del"], { key });
  }

  async putConfig(name: string, values: Record<string, string>): Promise<CtlAck> {
    const subject = this.subject("config", "put", token("config name", name));
    return ack(subject, await this.toQueue(subject, values));
  }

  /** A config's values, or null when absent (absence is a success, protocol §6.2). */
  async getConfig(name: string): Promise<Record<string, string> | null> {
    const subject = this.subject("config", "get", token("config name", name));
    const reply = await this.toQueue(subject, undefined);
    if (!reply.success) throw new CtlRefusedError(subject, reply.message);
    if (reply.response === undefined) return null;
    return payload(subject, reply, ConfigValues);
  }

  async deleteConfig(name: string): Promise<CtlAck> {
    const subject = this.subject("config", "del", token("config name", name));
    return ack(subject, await this.toQueue(subject, undefined));
  }

  async putLink(link: z.input<typeof Link>): Promise<CtlAck> {
    const body = Link.parse(link);
    token("link source id", body.source_id);
    token("link name", body.name);
    const subject = this.subject("link", "put");
    return ack(subject, await this.toQueue(subject, body));
  }

  async deleteLink(key: Cmd.LinkKey): Promise<CtlAck> {
    const body = deleteLinkBody({
      ...key,
      sourceId: token("link source id", key.sourceId),
      name: token("link name", key.name ?? "default"),
    });
    const subject = this.subject("link", "del");
    return ack(subject, await this.toQueue(subject, body));
  }

  /** Every link in the lattice (protocol §6.1). */
  async getLinks(): Promise<Link[]> {
    const subject = this.subject("link", "get");
    const reply = await this.toQueue(subject, undefined);
    if (reply.response === undefined && reply.success) return [];
    return payload(subject, reply, z.array(Link));
  }

  private async toHost(hostId: string, verb: [string, string], body: unknown): Promise<CtlAck> {
    const subject = this.subject(verb[0], verb[1], token("host id", hostId));
    const reply = await ctlRequest(
      this.nc(),
      subject,
      body,
      { kind: "host", hostId },
      this.timeoutMs,
    );
    return ack(subject, reply);
  }

  private toQueue(subject: string, body: unknown): Promise<CtlReply> {
    const responder: Responder = { kind: "queue", lattice: this.options.lattice };
    return ctlRequest(this.nc(), subject, body, responder, this.timeoutMs);
  }

  private subject(...tokens: string[]): string {
    return ctlSubject(this.options.prefix, this.options.lattice, ...tokens);
  }

  private nc(): NatsConnection {
    const nc = this.options.connection();
    if (!nc || nc.isClosed()) throw new NotConnectedError(this.options.lattice);
    return nc;
  }
}
