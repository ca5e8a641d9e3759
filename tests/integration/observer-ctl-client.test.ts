import { connect, type Msg, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ctlSubject, DEFAULT_CTL_PREFIX, encodeReply } from "@/lib/protocol";
import { CtlClient, LatticeError } from "@/server/lattice";
import { NatsServer } from "../helpers/nats-server";
import { freshLattice, HandWrittenHost, hostKey } from "./observer-harness";

type Seen = { subject: string; body: unknown };

/** Answers every ctl subject of a lattice with `answer(subject)`, recording what was sent. */
function recorder(
  nc: NatsConnection,
  lattice: string,
  answer: (subject: string, msg: Msg) => string | null,
) {
  const seen: Seen[] = [];
  nc.subscribe(ctlSubject(DEFAULT_CTL_PREFIX, lattice, ">"), {
    callback: (_e, msg) => {
      const text = msg.string();
      seen.push({
        subject: msg.subject,
        body: text === "" ? undefined : (JSON.parse(text) as unknown),
      });
      const reply = answer(msg.subject, msg);
      if (reply !== null) msg.respond(reply);
    },
  });
  return seen;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (err) {
    return err instanceof LatticeError ? err.code : `unnamed: ${String(err)}`;
  }
}

describe("ctl client on the wire", () => {
  let server: NatsServer;
  let nc: NatsConnection;
  const client = (lattice: string, hostGetTimeoutMs = 5_000) =>
    new CtlClient({
      lattice,
      prefix: DEFAULT_CTL_PREFIX,
      connection: () => nc,
      timeoutMs: 500,
      hostGetTimeoutMs,
    });

  beforeAll(async () => {
    server = await NatsServer.start();
    nc = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await nc.close();
    await server.dispose();
  });

  it("sends the bodies the hosts read: count, host_id, annotations, {} for host stop", async () => {
    const lattice = freshLattice("wire");
    const seen = recorder(nc, lattice, () => encodeReply(true, ""));
    await nc.flush();
    const ctl = client(lattice);
    const host = hostKey("W");
    await ctl.scaleComponent({
      hostId: host,
      componentId: "api",
      componentRef: "api:1",
      count: 5,
      annotations: {},
    });
    await ctl.updateComponent({
      hostId: host,
      componentId: "api",
      newComponentRef: "api:2",
      annotations: { a: "1" },
    });
    await ctl.startProvider({ hostId: host, providerId: "http", providerRef: "http:1" });
    await ctl.stopProvider({ hostId: host, providerId: "http" });
    await ctl.stopHost(host);
    await ctl.putLabel(host, "zone", "a");
    await ctl.putConfig("api-cfg", { k: "v" });
    await ctl.deleteLink({ sourceId: "api", witNamespace: "wasi", witPackage: "keyvalue" });
    const at = (verb: string) => seen.find((s) => s.subject.includes(verb));
    expect(at(`component.scale.${host}`)?.body).toEqual({
      component_id: "api",
      component_ref: "api:1",
      count: 5,
      host_id: host,
      annotations: {},
      config: [],
    });
    expect(at("component.scale")?.body).not.toHaveProperty("max_instances");
    expect(at(`component.update.${host}`)?.body).toEqual({
      component_id: "api",
      new_component_ref: "api:2",
      host_id: host,
      annotations: { a: "1" },
    });
    expect(at(`provider.start.${host}`)?.body).toMatchObject({
      provider_id: "http",
      provider_ref: "http:1",
      host_id: host,
    });
    expect(at(`provider.stop.${host}`)?.body).toEqual({ host_id: host, provider_id: "http" });
    expect(at(`host.stop.${host}`)?.body).toEqual({});
    expect(at(`label.put.${host}`)?.body).toEqual({ key: "zone", value: "a" });
    expect(at("config.put.api-cfg")?.body).toEqual({ k: "v" });
    expect(at("link.del")?.body).toEqual({
      source_id: "api",
      name: "default",
      wit_namespace: "wasi",
      wit_package: "keyvalue",
    });
  });

  it("decides on success only and names every failure", async () => {
    const lattice = freshLattice("fail");
    recorder(nc, lattice, (subject) => {
      if (subject.includes("provider.stop"))
        return encodeReply(false, "provider with that ID is not running");
      if (subject.includes("label.del"))
        return JSON.stringify({ success: false, error: "serializer failed" });
      if (subject.includes("config.get.absent"))
        return encodeReply(true, "Configuration not found");
      if (subject.includes("config.get.present")) return encodeReply(true, "", { url: "redis://" });
      if (subject.includes("host.get")) return "{garbage";
      return null; // silent: times out
    });
    await nc.flush();
    const ctl = client(lattice, 300);
    const host = hostKey("F");
    expect(await codeOf(ctl.stopProvider({ hostId: host, providerId: "p" }))).toBe("ctl_refused");
    await expect(ctl.deleteLabel(host, "zone")).rejects.toThrow("serializer failed");
    expect(await ctl.getConfig("absent")).toBeNull();
    expect(await ctl.getConfig("present")).toEqual({ url: "redis://" });
    expect(await codeOf(ctl.getHost(host))).toBe("malformed_reply");
    expect(await codeOf(ctl.putLabel(host, "k", "v"))).toBe("ctl_timeout");
  });

  it("maps no responders to host gone / no hosts, and refuses unsafe ids before sending", async () => {
    const lattice = freshLattice("gone");
    const ctl = client(lattice);
    expect(await codeOf(ctl.getHost(hostKey("G")))).toBe("host_gone");
    expect(await codeOf(ctl.putConfig("cfg", {}))).toBe("no_hosts");
    expect(await codeOf(ctl.getLinks())).toBe("no_hosts");
    expect(
      await codeOf(
        ctl.scaleComponent({
          hostId: "a.b",
          componentId: "x",
          componentRef: "r",
          count: 1,
          annotations: {},
        }),
      ),
    ).toBe("invalid_id");
    expect(await codeOf(ctl.putConfig("has.dot", {}))).toBe("invalid_id");
    expect(await codeOf(ctl.getHost("*"))).toBe("invalid_id");
  });

  it("retries host.get once after a timeout", async () => {
    const lattice = freshLattice("retry");
    const host = new HandWrittenHost(nc, lattice, hostKey("T"));
    let calls = 0;
    nc.subscribe(ctlSubject(DEFAULT_CTL_PREFIX, lattice, "host", "get", `${host.id}x`), {
      callback: (_e, msg) => {
        calls += 1;
        if (calls === 2)
          msg.respond(encodeReply(true, "", { ...host.inventory, host_id: `${host.id}x` }));
      },
    });
    await nc.flush();
    const inv = await client(lattice, 300).getHost(`${host.id}x`);
    expect(inv.host_id).toBe(`${host.id}x`);
    expect(calls).toBe(2);
  });

  it("collects ping replies and stops early once every expected host answered", async () => {
    const lattice = freshLattice("ping");
    const a = new HandWrittenHost(nc, lattice, hostKey("P"));
    const b = new HandWrittenHost(nc, lattice, hostKey("Q"));
    await nc.flush();
    const ctl = client(lattice);
    const started = Date.now();
    const result = await ctl.ping({ windowMs: 10_000, expectHostIds: new Set([a.id, b.id]) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.hosts.map((h) => h.id).sort()).toEqual([a.id, b.id]);
    const empty = await client(freshLattice("none")).ping({ windowMs: 10_000 });
    expect(empty.hosts).toEqual([]);
  });
});
