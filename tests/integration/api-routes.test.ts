import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HostList } from "@/lib/schemas/host";
import { EventList, SnapshotWire, StreamDelta } from "@/lib/schemas/stream";
import { decodeSnapshot } from "@/lib/stream-snapshot";
import { HealthResponse, LatticeList } from "@/lib/schemas/lattice";
import { NatsServer } from "../helpers/nats-server";
import { freshLattice, HandWrittenHost, hostKey, until } from "./observer-harness";

// The routes read their configuration from the environment, as under `next start`.
const lattice = freshLattice("api");
let server: NatsServer;
let nc: NatsConnection;
let host: HandWrittenHost;

const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const req = (path: string, signal?: AbortSignal) =>
  new Request(`http://console.test${path}`, { signal });

/** Reads SSE frames off a response body as they arrive. */
async function* frames(res: Response) {
  const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new Error("no body");
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split("\n")
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      yield {
        id: Number(field("id")),
        event: field("event"),
        data: JSON.parse(field("data") ?? "null") as unknown,
      };
      end = buffer.indexOf("\n\n");
    }
  }
}

describe("lattice status routes", () => {
  beforeAll(async () => {
    server = await NatsServer.start();
    nc = await connect({ servers: server.url });
    host = new HandWrittenHost(nc, lattice, hostKey("R"));
    await nc.flush();
    Object.assign(process.env, {
      NATS_URL: server.url,
      LATTICES: lattice,
      PING_WINDOW_MS: "800",
      PING_STALL_MS: "100",
    });
    const { getLatticeRegistry } = await import("@/server/lattice");
    await getLatticeRegistry().lattice(lattice).firstDiscovery;
  });
  afterAll(async () => {
    const { disposeLatticeRegistry } = await import("@/server/lattice");
    await disposeLatticeRegistry();
    await nc.close();
    await server.dispose();
  });

  it("reports health per lattice", async () => {
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(HealthResponse.parse(await res.json())).toEqual({
      ok: true,
      ready: true,
      lattices: { [lattice]: "connected" },
      latticesReady: { [lattice]: true },
    });
  });

  it("lists lattices and hosts, and answers 404 JSON for unknown ones", async () => {
    const lattices = await (await import("@/app/api/lattices/route")).GET();
    expect(await lattices.json()).toMatchObject({
      lattices: [{ name: lattice, hostCount: 1, staleHostCount: 0 }],
    });

    const hosts = await import("@/app/api/lattices/[lattice]/hosts/route");
    const list = await hosts.GET(req("/"), params({ lattice }));
    expect(HostList.parse(await list.json()).hosts.map((h) => h.id)).toEqual([host.id]);
    const missingLattice = await hosts.GET(req("/"), params({ lattice: "nope" }));
    expect(missingLattice.status).toBe(404);
    expect(await missingLattice.json()).toEqual({ error: "unknown lattice nope" });

    const one = await import("@/app/api/lattices/[lattice]/hosts/[hostId]/route");
    expect((await one.GET(req("/"), params({ lattice, hostId: host.id }))).status).toBe(200);
    const missingHost = await one.GET(req("/"), params({ lattice, hostId: hostKey("Z") }));
    expect(missingHost.status).toBe(404);
    expect(await missingHost.json()).toHaveProperty("error");
  });

  it("keeps serving after malformed events and counts them in the lattice summary", async () => {
    const { getLatticeRegistry } = await import("@/server/lattice");
    const observer = getLatticeRegistry().lattice(lattice);
    const applied = observer.stats.applied;
    nc.publish(`wasmbus.evt.${lattice}.component_scaled`, "{not json");
    nc.publish(`wasmbus.evt.${lattice}.mystery`, JSON.stringify({ specversion: "1.0" }));
    host.publish("labels_changed", { host_id: host.id, labels: { zone: "q" } });
    await until(
      observer,
      "the valid event after the bad ones",
      () => observer.stats.applied > applied,
    );

    const res = await (await import("@/app/api/lattices/route")).GET();
    expect(res.status).toBe(200);
    const body = LatticeList.parse(await res.json());
    expect(body.lattices[0]?.messageCounters?.dropped).toMatchObject({ malformed: 2 });
    expect(body.lattices[0]?.hostCount).toBe(1);
  });

  it("answers 404, not 500, when the route's bundle has its own copy of the error classes", async () => {
    // Under `next start` instrumentation and every route are separate bundles sharing the
    // registry through globalThis; fresh module instances reproduce that here.
    vi.resetModules();
    const hosts = await import("@/app/api/lattices/[lattice]/hosts/route");
    const res = await hosts.GET(req("/"), params({ lattice: "nope" }));
    expect(res.status).toBe(404);
    const one = await import("@/app/api/lattices/[lattice]/hosts/[hostId]/route");
    expect((await one.GET(req("/"), params({ lattice, hostId: hostKey("Y") }))).status).toBe(404);
  });

  it("filters the event feed and names a bad filter field", async () => {
    const route = await import("@/app/api/lattices/[lattice]/events/route");
    host.publish("config_set", { config_name: "feed-check" });
    const observer = (await import("@/server/lattice")).getLatticeRegistry().lattice(lattice);
    await new Promise<void>((resolve) => {
      const off = observer.subscribe((d) => d.events.length > 0 && (off(), resolve()));
    });
    const ok = await route.GET(req(`/?type=config_set&host=${host.id}`), params({ lattice }));
    expect(EventList.parse(await ok.json()).events.map((e) => e.summary)).toContain(
      "config feed-check set",
    );
    const bad = await route.GET(req("/?type=not_an_event"), params({ lattice }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: "type" }] });
  });

  it("streams a snapshot, then deltas with increasing ids, and stops on abort", async () => {
    const { GET } = await import("@/app/api/lattices/[lattice]/stream/route");
    const abort = new AbortController();
    const { getLatticeRegistry } = await import("@/server/lattice");
    const observer = getLatticeRegistry().lattice(lattice);
    const listenersBefore = observer.listenerCount;
    const res = await GET(req("/", abort.signal), params({ lattice }));
    expect(observer.listenerCount).toBe(listenersBefore + 1);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");

    const it = frames(res);
    const first = (await it.next()).value;
    expect(first?.event).toBe("snapshot");
    expect(first?.id).toBe(1);
    expect(decodeSnapshot(SnapshotWire.parse(first?.data))?.hosts.map((h) => h.id)).toEqual([
      host.id,
    ]);

    host.publish("component_scaled", {
      host_id: host.id,
      component_id: "web",
      image_ref: "web:1",
      max_instances: 2,
      annotations: {},
    });
    const second = (await it.next()).value;
    expect(second?.event).toBe("delta");
    expect(second?.id).toBe(2);
    // The host is in the snapshot already, so the delta patches in the new component.
    const patch = StreamDelta.parse(second?.data).patches[0];
    expect(patch?.components?.set.map((c) => c.id)).toEqual(["web"]);

    // A resync of the observer tells the client to refetch; ids keep counting up by one.
    void observer.resync("full", "operator asked");
    let last = 2;
    for (;;) {
      const next = (await it.next()).value;
      expect(next?.id).toBe(last + 1);
      last = next?.id ?? last;
      if (next?.event === "resync") {
        expect(next.data).toEqual({ reason: "operator asked" });
        break;
      }
    }

    abort.abort();
    expect((await it.next()).done).toBe(true);
    expect(observer.listenerCount).toBe(listenersBefore);

    const missing = await GET(req("/"), params({ lattice: "nope" }));
    expect(missing.status).toBe(404);
  });
});
