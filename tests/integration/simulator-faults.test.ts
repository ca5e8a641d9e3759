import { z } from "zod";
import { describe, expect, it } from "vitest";
import { HostInventory } from "@/lib/protocol";
import { controlSubject, simControl } from "@/server/simulator";
import { expectAck, simulatorSuite, type SeenEvent } from "./simulator-harness";

const AuctionHost = z.object({ host_id: z.string() });

describe("simulated lattice: fault injection over wasmsim.{lattice}.control", () => {
  const { nats, withScenario } = simulatorSuite({ hosts: 2 });

  it("crash-host: silent, no host_stopped, no more heartbeats or replies", () =>
    withScenario(
      async (s) => {
        const [victim, survivor] = s.sim.hostIds();
        await simControl(s.nc, s.lattice, { op: "crash-host", hostId: victim });
        const crashedAt = s.events.events.length;
        expect(s.sim.hostIds()).toEqual([survivor]);
        const after = (e: SeenEvent) => s.events.events.indexOf(e) >= crashedAt;
        await s.events.waitFor("host_heartbeat", (e) => e.source === survivor && after(e), {
          count: 2,
        });
        expect(s.events.events.slice(crashedAt).filter((e) => e.source === victim)).toEqual([]);
        await expect(s.ctl(["host", "get", victim], undefined, 500)).rejects.toThrow();
        const hosts = await simControl(s.nc, s.lattice, { op: "list-hosts" });
        expect(hosts).toEqual(
          expect.arrayContaining([expect.objectContaining({ hostId: victim, state: "crashed" })]),
        );
      },
      { heartbeatSeconds: 0.2 },
    ));

  it("restart-host: same key, empty inventory, uptime from zero, a new host_started", () =>
    withScenario(async (s) => {
      const [hostId] = s.sim.hostIds();
      await s.ctl(["label", "put", hostId], { key: "dynamic", value: "1" });
      await s.ctl(["component", "scale", hostId], {
        component_id: "c",
        component_ref: "r:1",
        count: 1,
      });
      await s.events.waitFor("component_scaled", () => true, { count: 2 });
      await simControl(s.nc, s.lattice, { op: "restart-host", hostId });
      await s.events.waitFor("host_started", (e) => e.source === hostId, { count: 2 });
      const inv = HostInventory.parse((await s.ctl(["host", "get", hostId])).response);
      expect(inv.components).toEqual([]);
      expect(inv.uptime_seconds).toBe(0);
      expect(inv.labels).not.toHaveProperty("dynamic");
      expect(inv.labels.zone).toBe("a");
      expect(s.events.named("host_stopped")).toEqual([]);
    }));

  it("silence-host and reply-fault drop: requests time out instead of no-responders", () =>
    withScenario(async (s) => {
      const [a, b] = s.sim.hostIds();
      await simControl(s.nc, s.lattice, { op: "silence-host", hostId: a, silent: true });
      await expect(s.ctl(["host", "get", a], undefined, 300)).rejects.toThrow(/timeout/i);
      expect(s.sim.hostIds()).toContain(a);
      await simControl(s.nc, s.lattice, { op: "reply-fault", hostId: b, mode: "drop" });
      await expect(s.ctl(["host", "get", b], undefined, 300)).rejects.toThrow(/timeout/i);
      await simControl(s.nc, s.lattice, { op: "reset-faults" });
      expect((await s.ctl(["host", "get", a])).success).toBe(true);
      expect((await s.ctl(["host", "get", b])).success).toBe(true);
    }));

  it("reply-fault slow delays the reply past a short client timeout", () =>
    withScenario(async (s) => {
      const [a] = s.sim.hostIds();
      await simControl(s.nc, s.lattice, { op: "reply-fault", mode: "slow", delayMs: 400 });
      const started = Date.now();
      await expect(s.ctl(["host", "get", a], undefined, 200)).rejects.toThrow(/timeout/i);
      const slow = await s.ctl(["host", "get", a], undefined, 2_000);
      expect(slow.success).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    }));

  it("drop-events: the work happens, the events do not", () =>
    withScenario(async (s) => {
      const [a, b] = s.sim.hostIds();
      await simControl(s.nc, s.lattice, { op: "drop-events", hostId: a, enabled: true });
      expectAck(await s.ctl(["label", "put", a], { key: "x", value: "1" }));
      expectAck(await s.ctl(["label", "put", b], { key: "x", value: "1" }));
      await s.events.waitFor("labels_changed", (e) => e.source === b);
      expect(s.events.named("labels_changed", (e) => e.source === a)).toEqual([]);
      const inv = HostInventory.parse((await s.ctl(["host", "get", a])).response);
      expect(inv.labels.x).toBe("1");
    }));

  it("add-hosts boots new hosts with labels; bad bodies get {ok:false}", () =>
    withScenario(async (s) => {
      const result = await simControl(s.nc, s.lattice, {
        op: "add-hosts",
        count: 1,
        labels: { gpu: "yes" },
      });
      expect(result).toMatchObject({ hostIds: [expect.stringMatching(/^N/)] });
      const [started] = await s.events.waitFor(
        "host_started",
        (e) => e.data.labels !== undefined && JSON.stringify(e.data.labels).includes("gpu"),
      );
      expect(started.data.labels).toMatchObject({ gpu: "yes", zone: "c" });
      expect(s.sim.hostIds()).toHaveLength(3);

      // a host with component auctions switched off does not answer them
      const added = await simControl(s.nc, s.lattice, {
        op: "add-hosts",
        count: 1,
        labels: { pool: "edge" },
        componentAuctions: false,
      });
      const constraints = { pool: "edge" };
      await expect(
        s.ctl(
          ["component", "auction"],
          { component_ref: "r:1", component_id: "c", constraints },
          300,
        ),
      ).rejects.toThrow(/timeout/i);
      const won = await s.ctl(["provider", "auction"], {
        provider_ref: "r:1",
        provider_id: "p",
        constraints,
      });
      expect(added).toEqual({ hostIds: [AuctionHost.parse(won.response).host_id] });

      for (const body of [
        "not json",
        JSON.stringify({ op: "explode" }),
        JSON.stringify({ op: "add-hosts", count: -1 }),
      ]) {
        const reply = await s.nc.request(controlSubject(s.lattice), body, { timeout: 2_000 });
        expect(reply.json()).toMatchObject({ ok: false, error: expect.any(String) });
      }
      await expect(
        simControl(s.nc, s.lattice, { op: "crash-host", hostId: "NOPE" }),
      ).rejects.toThrow(/no live/);
    }));

  it("survives a nats-server restart: hosts answer again once reconnected", () =>
    withScenario(async (s) => {
      const [a] = s.sim.hostIds();
      expectAck(await s.ctl(["config", "put", "kept"], { k: "v" }));
      await nats().restart();
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          const reply = await s.ctl(["config", "get", "kept"], undefined, 1_000);
          expect(reply.response).toEqual({ k: "v" });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
        }
      }
      expect((await s.ctl(["host", "get", a])).success).toBe(true);
    }));
});
