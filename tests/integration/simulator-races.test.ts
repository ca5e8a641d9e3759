import { Kvm } from "@nats-io/kv";
import { describe, expect, it } from "vitest";
import { latticeDataBucket, Link } from "@/lib/protocol";
import { simControl } from "@/server/simulator";
import { expectAck, simulatorSuite, type Scenario } from "./simulator-harness";

const SLOW = "ghcr.io/acme/api:1.5.0";
const FAST = "ghcr.io/acme/api:1.4.0";

/** The links stored under `COMPONENT_{source}` in `LATTICEDATA_{lattice}` (protocol §6.4). */
async function storedLinks(s: Scenario, source: string): Promise<Link[]> {
  const kv = await new Kvm(s.nc).open(latticeDataBucket(s.lattice));
  const entry = await kv.get(`COMPONENT_${source}`);
  if (!entry) return [];
  const spec: { links?: unknown } = entry.json();
  return Link.array().parse(spec.links ?? []);
}

const http = { wit_namespace: "wasi", wit_package: "http", interfaces: ["incoming-handler"] };
const routes = [
  { source_id: "gateway", target: "api", name: "api", ...http },
  { source_id: "gateway", target: "web", name: "web", ...http },
];

describe("simulated hosts: executor races as injectable faults (protocol §9, §10)", () => {
  const { withScenario } = simulatorSuite({ hosts: 2 });
  const of = (id: string) => (e: { data: Record<string, unknown> }) => e.data.component_id === id;

  it("slow-fetch: a later scale of the same id finishes first, the slow one lands last", () =>
    withScenario(async (s, hostId) => {
      await simControl(s.nc, s.lattice, { op: "slow-fetch", imageRef: SLOW, delayMs: 300 });
      const scale = (ref: string, count: number) =>
        s.ctl(["component", "scale", hostId], {
          component_id: "api",
          component_ref: ref,
          count,
          host_id: hostId,
          annotations: {},
        });
      expectAck(await scale(SLOW, 1));
      expectAck(await scale(FAST, 4));
      // the later request's fresh-start pair arrives first
      const [first] = await s.events.waitFor("component_scaled", of("api"));
      expect(first.data).toMatchObject({ image_ref: FAST, max_instances: 4 });
      await s.events.waitFor("component_scaled", of("api"), { count: 2 });
      expect(s.sim.inventory(hostId)?.components).toMatchObject([
        { id: "api", image_ref: FAST, max_instances: 4 },
      ]);
      // then the slow scale runs against the running entry: one event with the previous ref
      // (§7.1), and the inventory shows the slow request's ref string and count
      const [, , last] = await s.events.waitFor("component_scaled", of("api"), { count: 3 });
      expect(last.data).toMatchObject({ image_ref: FAST, max_instances: 1 });
      expect(s.sim.inventory(hostId)?.components).toMatchObject([
        { id: "api", image_ref: SLOW, max_instances: 1 },
      ]);
    }));

  it("slow-fetch: a stop sent during a slow start is confirmed first, then the start lands", () =>
    withScenario(async (s, hostId) => {
      await simControl(s.nc, s.lattice, { op: "slow-fetch", imageRef: SLOW, delayMs: 300 });
      const body = { component_id: "api", host_id: hostId, annotations: {} };
      expectAck(
        await s.ctl(["component", "scale", hostId], { ...body, component_ref: SLOW, count: 2 }),
      );
      // a rollback stops the start still in flight, naming the previous ref
      expectAck(
        await s.ctl(["component", "scale", hostId], { ...body, component_ref: FAST, count: 0 }),
      );
      const [stopped] = await s.events.waitFor("component_scaled", of("api"));
      expect(stopped.data.max_instances).toBe(0);
      expect(s.sim.inventory(hostId)?.components).toEqual([]);
      await s.events.waitFor("component_scaled", of("api"), { count: 3 });
      expect(s.sim.inventory(hostId)?.components).toMatchObject([
        { id: "api", image_ref: SLOW, max_instances: 2 },
      ]);
    }));

  it("lose-link-writes: two concurrent link puts both succeed, one link is lost", () =>
    withScenario(async (s) => {
      await simControl(s.nc, s.lattice, {
        op: "lose-link-writes",
        sourceId: "gateway",
        enabled: true,
        windowMs: 200,
      });
      const replies = await Promise.all(routes.map((link) => s.ctl(["link", "put"], link)));
      for (const reply of replies) expectAck(reply, "successfully set link");
      await s.events.waitFor("linkdef_set", () => true, { count: 2 });
      const stored = await storedLinks(s, "gateway");
      expect(stored).toHaveLength(1);
      expect(routes.map((r) => r.name)).toContain(stored[0]?.name);
    }));

  it("lose-link-writes: a component start re-putting its spec drops a link just set", () =>
    withScenario(async (s, hostId) => {
      await simControl(s.nc, s.lattice, { op: "lose-link-writes", enabled: true, windowMs: 200 });
      const link = { ...routes[0], source_id: "api", target: "kv" };
      // the link write reads first; the start (5–20 ms later) reads the same old spec inside
      // the link's window and writes after it: the link's write is lost
      const linkReply = s.ctl(["link", "put"], link);
      const scaleReply = s.ctl(["component", "scale", hostId], {
        component_id: "api",
        component_ref: FAST,
        count: 1,
        host_id: hostId,
        annotations: {},
      });
      expectAck(await scaleReply);
      expectAck(await linkReply, "successfully set link");
      await s.events.waitFor("linkdef_set");
      await s.events.waitFor("component_scaled", of("api"), { count: 2 });
      const kv = await new Kvm(s.nc).open(latticeDataBucket(s.lattice));
      expect((await kv.get("COMPONENT_api"))?.json()).toEqual({ url: FAST, links: [] });
    }));

  it("without the fault, concurrent link puts for one source both persist", () =>
    withScenario(async (s) => {
      const replies = await Promise.all(routes.map((link) => s.ctl(["link", "put"], link)));
      for (const reply of replies) expectAck(reply, "successfully set link");
      const stored = await storedLinks(s, "gateway");
      expect(stored.map((l) => l.name).sort()).toEqual(["api", "web"]);
    }));
});
