import { createInbox } from "@nats-io/transport-node";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { ctlSubject, HostInventory, PingHost } from "@/lib/protocol";
import { expectAck, simulatorSuite } from "./simulator-harness";

const AuctionAck = z.object({ host_id: z.string() });
const NKEY = /^N[A-Z2-7]{55}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/;

describe("simulated hosts: identity, ping, inventory, labels", () => {
  const { nats, withScenario } = simulatorSuite();

  it("answers a scatter-gather ping with one envelope per host, response = Host with id", () =>
    withScenario(
      async (s) => {
        const inbox = createInbox();
        const replies: Record<string, unknown>[] = [];
        const all = new Promise<void>((resolve) => {
          s.nc.subscribe(inbox, {
            callback: (_e, m) => {
              replies.push(m.json());
              if (replies.length === 3) resolve();
            },
          });
        });
        s.nc.publish(ctlSubject(s.prefix, s.lattice, "host", "ping"), "", { reply: inbox });
        await all;
        const hosts = replies.map((r) => {
          expect(r.success).toBe(true);
          return PingHost.parse(r.response);
        });
        expect(new Set(hosts.map((h) => h.id))).toEqual(new Set(s.sim.hostIds()));
        for (const h of hosts) {
          expect(h.id).toMatch(NKEY);
          expect(h.friendly_name).toMatch(/^[a-z]+-[a-z]+-\d{4}$/);
          expect(h.lattice).toBe(s.lattice);
          expect(h.version).toBe("1.9.2");
          expect(h.ctl_host).toBe(nats().url);
          expect(h.labels["hostcore.os"]).toBe("linux");
        }
        expect(hosts.map((h) => h.labels.zone).sort()).toEqual(["a", "b", "c"]);
      },
      { hosts: 3 },
    ));

  it("answers host.get with the §5.1 inventory and the same truth as the API", () =>
    withScenario(async (s) => {
      const [hostId] = s.sim.hostIds();
      const reply = await s.ctl(["host", "get", hostId]);
      expect(reply.success).toBe(true);
      const inv = HostInventory.parse(reply.response);
      expect(inv.host_id).toBe(hostId);
      expect(Object.keys(inv.labels)).toEqual([
        "hostcore.arch",
        "hostcore.os",
        "hostcore.osfamily",
        "zone",
      ]);
      expect(inv.uptime_human).toMatch(/^(\d+(days?|h|m|s) ?)+$/);
      expect(reply.raw.response).toMatchObject({ components: [], providers: [] });
      expect(reply.raw.response).toEqual(s.sim.inventory(hostId));
    }));

  it("publishes host_started with the host id only in source, then heartbeats", () =>
    withScenario(
      async (s) => {
        const started = await s.events.waitFor("host_started", () => true, { count: 2 });
        for (const e of started) {
          expect(e.source).toMatch(NKEY);
          expect(e.raw).toMatchObject({
            specversion: "1.0",
            type: "com.wasmcloud.lattice.host_started",
            datacontenttype: "application/json",
          });
          expect(String(e.raw.id)).toMatch(UUID);
          expect(String(e.raw.time)).toMatch(RFC3339);
          expect(e.subject).toBe(`wasmbus.evt.${s.lattice}.host_started`);
          expect(Object.keys(e.data).sort()).toEqual([
            "friendly_name",
            "labels",
            "uptime_seconds",
            "version",
          ]);
          expect(e.data.uptime_seconds).toBe(0);
        }
        const bootedAt = Date.now();
        const [beat] = await s.events.waitFor("host_heartbeat", () => true, { timeoutMs: 3_000 });
        // the first heartbeat comes one interval after boot, not at boot
        expect(Date.now() - bootedAt).toBeGreaterThan(500);
        const inv = HostInventory.parse(beat.data);
        expect(inv.host_id).toBe(beat.source);
        expect(beat.data).toHaveProperty("components");
        expect(beat.data).toHaveProperty("uptime_human");
      },
      { heartbeatSeconds: 1 },
    ));

  it("puts and deletes labels with the §2.2 rules and labels_changed events", () =>
    withScenario(async (s) => {
      const [hostId] = s.sim.hostIds();
      expectAck(
        await s.ctl(["label", "put", hostId], { key: "tier", value: "gold" }),
        "successfully put label",
      );
      const [changed] = await s.events.waitFor("labels_changed");
      expect(changed.source).toBe(hostId);
      expect(changed.data).toMatchObject({ host_id: hostId, labels: { tier: "gold", zone: "a" } });

      const guarded = await s.ctl(["label", "put", hostId], { key: "HostCore.os", value: "x" });
      expect(guarded.raw).toEqual({
        success: false,
        message: "hostcore.* labels cannot be set dynamically",
      });
      expectAck(
        await s.ctl(["label", "del", hostId], { key: "nope" }),
        "successfully deleted label (no such label)",
      );
      expectAck(
        await s.ctl(["label", "del", hostId], { key: "tier" }),
        "successfully deleted label",
      );
      const all = await s.events.waitFor("labels_changed", () => true, { count: 2 });
      expect(all[1].data.labels).not.toHaveProperty("tier");
      expect(s.events.named("labels_changed")).toHaveLength(2);
    }));

  it("refuses malformed bodies with the 1.9 context strings and unknown verbs", () =>
    withScenario(async (s) => {
      const [hostId] = s.sim.hostIds();
      const cases: [string[], string, string][] = [
        [["component", "scale", hostId], "{", "failed to deserialize component scale command"],
        [
          ["component", "scale", hostId],
          '{"count":1}',
          "failed to deserialize component scale command",
        ],
        [["label", "put", hostId], '{"key":1}', "failed to deserialize put label request"],
        [["link", "put"], '{"source_id":"a"}', "failed to deserialize wrpc link definition"],
        [["config", "put", "c1"], '{"a":1}', "config data should be a map of string -> string"],
        [["component", "foo", hostId], "{}", "unsupported subject"],
        [["config", "put", "a", "b"], "{}", "unsupported subject"],
      ];
      for (const [tokens, body, message] of cases) {
        const reply = await s.ctl(tokens, body);
        expect(reply.raw, tokens.join(".")).toEqual({ success: false, message });
      }
      // still alive after garbage
      expect((await s.ctl(["host", "get", hostId])).success).toBe(true);
    }));

  it("honours a custom ctl prefix; events keep wasmbus.evt", () =>
    withScenario(
      async (s) => {
        const [hostId] = s.sim.hostIds();
        const reply = await s.ctl(["host", "get", hostId]);
        expect(reply.success).toBe(true);
        await expect(
          s.nc.request(ctlSubject("wasmbus.ctl", s.lattice, "host", "get", hostId), "", {
            timeout: 500,
          }),
        ).rejects.toThrow();
        await s.events.waitFor("host_started", () => true, { count: 2 });
      },
      { ctlPrefix: "acme.ctl" },
    ));

  it("stops a host: ack, host_stopped with labels only; a tiny deadline vanishes silently", () =>
    withScenario(async (s) => {
      const [first, second] = s.sim.hostIds();
      const bad = await s.ctl(["host", "stop", first], { host_id: second });
      expect(bad.raw).toEqual({ success: false, message: `invalid host_id [${second}]` });
      expectAck(await s.ctl(["host", "stop", first], {}), "successfully handled stop host");
      const [stopped] = await s.events.waitFor("host_stopped", (e) => e.source === first);
      expect(Object.keys(stopped.data)).toEqual(["labels"]);
      expect(s.sim.hostIds()).toEqual([second]);
      await expect(s.ctl(["host", "get", first], undefined, 1_000)).rejects.toThrow();

      expectAck(await s.ctl(["host", "stop", second], { timeout: 1 }));
      await expect(s.ctl(["host", "get", second], undefined, 1_000)).rejects.toThrow();
      expect(s.events.named("host_stopped", (e) => e.source === second)).toEqual([]);
    }));

  it("answers auctions only from qualifying hosts; a malformed auction gets errors from all", () =>
    withScenario(
      async (s) => {
        const gather = async (tokens: string[], body: string, expected: number) => {
          const inbox = createInbox();
          const replies: Record<string, unknown>[] = [];
          const done = new Promise<void>((resolve) => {
            s.nc.subscribe(inbox, {
              callback: (_e, m) => {
                replies.push(m.json());
                if (replies.length === expected) resolve();
              },
            });
          });
          await s.nc.flush();
          s.nc.publish(ctlSubject(s.prefix, s.lattice, ...tokens), body, { reply: inbox });
          await done;
          // one more round trip: any extra reply would have arrived by now
          await s.ctl(["host", "get", s.sim.hostIds()[0]]);
          return replies;
        };
        const zoneB = s.sim.hostIds()[1];
        const auction = {
          component_ref: "ghcr.io/a/b:1",
          component_id: "c1",
          constraints: { zone: "b" },
        };
        const won = await gather(["component", "auction"], JSON.stringify(auction), 1);
        expect(won).toEqual([
          { success: true, message: "", response: { ...auction, host_id: zoneB } },
        ]);
        const provider = { provider_ref: "ghcr.io/p:1", provider_id: "p1", constraints: {} };
        const all = await gather(["provider", "auction"], JSON.stringify(provider), 3);
        expect(all.map((r) => AuctionAck.parse(r.response).host_id).sort()).toEqual(
          [...s.sim.hostIds()].sort(),
        );
        const bad = await gather(
          ["component", "auction"],
          JSON.stringify({ component_id: "x" }),
          3,
        );
        expect(bad).toEqual(
          Array(3).fill({
            success: false,
            message: "failed to deserialize component auction command",
          }),
        );
      },
      { hosts: 3 },
    ));

  it("replies to registry.put only when asked, and to claims.get with an array", () =>
    withScenario(async (s) => {
      const body = { "ghcr.io": { username: "u", password: "p" } };
      expectAck(await s.ctl(["registry", "put"], body), "successfully put registries");
      const claims = await s.ctl(["claims", "get"]);
      expect(claims.raw).toEqual({ success: true, message: "", response: [] });
    }));
});
