import { describe, expect, it } from "vitest";
import { CtlReply, encodeReply, HostInventory, parseEvent, PingHost } from "@/lib/protocol";
import { inventoryWire } from "./reducer-fixtures";

const HOST = "NAAAAHOSTAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

const cloudEvent = (name: string, data: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    specversion: "1.0",
    id: "0190f2c4-6a1e-7c3b-9d4e-2f1a0b9c8d7e",
    type: `com.wasmcloud.lattice.${name}`,
    source: HOST,
    datacontenttype: "application/json",
    time: "2025-08-06T17:49:31.233464Z",
    data,
    ...extra,
  });

describe("ctl reply envelope (protocol §1.3)", () => {
  it.each([
    [
      "a success with a payload",
      { success: true, message: "", response: { host_id: HOST } },
      true,
      "",
    ],
    [
      "a success without response (absent, not null)",
      { success: true, message: "successfully put label" },
      true,
      "successfully put label",
    ],
    ["a 1.2 host's success with an empty message", { success: true, message: "" }, true, ""],
    [
      "a refusal",
      { success: false, message: "provider with that ID is not running" },
      false,
      "provider with that ID is not running",
    ],
    [
      "the last-resort {success:false,error} body",
      { success: false, error: "serializer failed" },
      false,
      "serializer failed",
    ],
  ])("accepts %s", (_name, body, success, message) => {
    const reply = CtlReply.parse(body);
    expect(reply.success).toBe(success);
    expect(reply.message).toBe(message);
  });

  it.each([
    ["no success flag", { message: "ok" }],
    ["a string success flag", { success: "true", message: "" }],
    ["not an object", "ok"],
  ])("rejects %s", (_name, body) => {
    expect(CtlReply.safeParse(body).success).toBe(false);
  });

  it("encodes replies with response omitted when there is none", () => {
    expect(encodeReply(true, "done")).toBe('{"success":true,"message":"done"}');
    expect(JSON.parse(encodeReply(true, "", { a: 1 }))).toEqual({
      success: true,
      message: "",
      response: { a: 1 },
    });
  });
});

describe("host inventory (protocol §5.1)", () => {
  it("accepts a 1.9 inventory and tolerates unknown fields", () => {
    const wire = {
      ...inventoryWire(HOST, { components: [{ id: "c", ref: "r" }] }),
      future_field: 1,
    };
    const inv = HostInventory.parse(wire);
    expect(inv.components).toEqual([
      { id: "c", image_ref: "r", annotations: {}, revision: 0, max_instances: 1, limits: null },
    ]);
  });

  it("reads the legacy `actors` key as components", () => {
    const { components, ...rest } = inventoryWire(HOST, {
      components: [{ id: "old", ref: "r:0" }],
    });
    const inv = HostInventory.parse({ ...rest, actors: components });
    expect(inv.components.map((c) => c.id)).toEqual(["old"]);
  });

  it("accepts optional name, missing limits (pre-1.9) and null annotations", () => {
    const inv = HostInventory.parse({
      ...inventoryWire(HOST),
      components: [
        {
          id: "c",
          image_ref: "r",
          name: "Named",
          annotations: null,
          revision: 2,
          max_instances: 3,
        },
      ],
    });
    expect(inv.components[0]).toMatchObject({ name: "Named", annotations: {}, max_instances: 3 });
  });

  it.each([
    ["no host id", { ...inventoryWire(HOST), host_id: "" }],
    [
      "a negative instance count",
      {
        ...inventoryWire(HOST),
        components: [{ id: "c", image_ref: "r", annotations: {}, revision: 0, max_instances: -1 }],
      },
    ],
    ["components that are not a list", { ...inventoryWire(HOST), components: {} }],
  ])("rejects an inventory with %s", (_name, wire) => {
    expect(HostInventory.safeParse(wire).success).toBe(false);
  });

  it("reads a ping reply keyed by `id` (protocol §5.2)", () => {
    const ping = PingHost.parse({
      id: HOST,
      friendly_name: "a-b-1",
      labels: {},
      lattice: "default",
      version: "1.9.2",
      uptime_seconds: 3,
      uptime_human: "3s",
      ctl_host: "nats://x",
      rpc_host: "nats://x",
    });
    expect(ping.id).toBe(HOST);
    expect(PingHost.safeParse({ host_id: HOST }).success).toBe(false);
  });
});

describe("lattice events (protocol §3)", () => {
  it("parses a component_scaled event with identity from source", () => {
    const parsed = parseEvent(
      cloudEvent("component_scaled", {
        host_id: "",
        component_id: "api",
        image_ref: "r:1",
        max_instances: 10,
        annotations: {},
      }),
    );
    expect(parsed.ok && parsed.event.name === "component_scaled" && parsed.event.source).toBe(HOST);
  });

  it("parses host_started without a host id in data", () => {
    const parsed = parseEvent(
      cloudEvent("host_started", {
        friendly_name: "a-b-1",
        labels: {},
        uptime_seconds: 0,
        version: "1.9.2",
      }),
    );
    expect(parsed.ok).toBe(true);
  });

  it("parses a heartbeat carrying the legacy actors key", () => {
    const { components, ...rest } = inventoryWire(HOST, { components: [{ id: "old", ref: "r" }] });
    const parsed = parseEvent(cloudEvent("host_heartbeat", { ...rest, actors: components }));
    expect(
      parsed.ok && parsed.event.name === "host_heartbeat" && parsed.event.data.components.length,
    ).toBe(1);
  });

  it("accepts signed-workload extras (claims, public_key) it does not use", () => {
    const parsed = parseEvent(
      cloudEvent("provider_started", {
        host_id: "",
        provider_id: "p",
        image_ref: "r",
        annotations: {},
        claims: { issuer: "A" },
        instance_id: "p",
        public_key: "p",
        link_name: "default",
      }),
    );
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ["not JSON", "{", "malformed"],
    [
      "a missing source",
      cloudEvent("config_set", { config_name: "c" }, { source: "" }),
      "malformed",
    ],
    ["a foreign type", cloudEvent("x", {}, { type: "org.example.thing" }), "malformed"],
    ["an unknown wasmCloud event", cloudEvent("actor_started", {}), "unknown-type"],
    [
      "a scale event without a count",
      cloudEvent("component_scaled", { component_id: "c" }),
      "malformed",
    ],
    [
      "a health event without provider",
      cloudEvent("health_check_passed", { host_id: HOST }),
      "malformed",
    ],
  ])("turns %s into a counted reason, not a throw", (_name, raw, reason) => {
    const parsed = parseEvent(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe(reason);
  });
});
