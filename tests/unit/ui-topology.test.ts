import { describe, expect, it } from "vitest";
import { configUses, hostLinks, linkInterface, visibleValues } from "@/lib/link-view";
import type { ApiConfig, ApiLink } from "@/lib/schemas/lattice-data";
import { buildTopology } from "@/lib/topology";
import { host } from "./host-fixtures";

const component = (id: string, imageRef: string) => ({
  id,
  imageRef,
  maxInstances: 1,
  annotations: {},
  limits: null,
});
const provider = (id: string, imageRef: string) => ({
  id,
  imageRef,
  health: "healthy" as const,
  annotations: {},
});
const link = (sourceId: string, target: string, patch: Partial<ApiLink> = {}): ApiLink => ({
  sourceId,
  target,
  name: "default",
  witNamespace: "wasi",
  witPackage: "keyvalue",
  interfaces: ["store"],
  sourceConfig: [],
  targetConfig: [],
  ...patch,
});

const api = host("A", {
  components: [component("api", "ghcr.io/acme/api:1.0.0")],
  providers: [provider("http", "ghcr.io/wasmcloud/http-server:0.23.0")],
});
const worker = host("B", {
  components: [component("api", "ghcr.io/acme/api:1.1.0"), component("worker", "r/worker:2")],
  providers: [provider("kv", "ghcr.io/wasmcloud/kv:0.28.1")],
});
const links = [
  link("http", "api", { witPackage: "http", interfaces: ["incoming-handler"] }),
  link("api", "kv", { targetConfig: ["kv-url"] }),
  link("worker", "kv", { name: "cache" }),
];

describe("hostLinks", () => {
  it("lists links in both directions of the host's workloads and none of other hosts", () => {
    const seen = hostLinks(api, links).map((l) => [l.link.sourceId, l.link.target, l.direction]);
    expect(seen).toEqual([
      ["api", "kv", "outgoing"],
      ["http", "api", "both"],
    ]);
  });

  it("marks a link whose target runs here as incoming", () => {
    const seen = hostLinks(host("C", { providers: [provider("kv", "x:1")] }), links);
    expect(seen.map((l) => l.direction)).toEqual(["incoming", "incoming"]);
  });

  it("spells the interface the way WIT does", () => {
    expect(linkInterface(link("a", "b", { interfaces: ["store", "atomics"] }))).toBe(
      "wasi:keyvalue/{store,atomics}",
    );
    expect(linkInterface(link("a", "b", { interfaces: [] }))).toBe("wasi:keyvalue");
  });
});

describe("configUses", () => {
  const configs: ApiConfig[] = [
    { name: "zeta", values: { b: "2", a: "1" } },
    { name: "kv-url", values: { url: "redis://r" } },
    { name: "SECRET_token", secret: true },
  ];

  it("puts the configs named by the host's links first and never shows secret values", () => {
    const uses = configUses(configs, hostLinks(api, links));
    expect(uses.map((u) => [u.config.name, u.usedByLinks])).toEqual([
      ["kv-url", ["api/wasi:keyvalue/default"]],
      ["SECRET_token", []],
      ["zeta", []],
    ]);
    expect(uses.map(visibleValues)).toEqual([
      [["url", "redis://r"]],
      null,
      [
        ["a", "1"],
        ["b", "2"],
      ],
    ]);
  });

  it("hides a SECRET_ config's values even if they were sent", () => {
    const [use] = configUses([{ name: "SECRET_x", values: { k: "v" } }], []);
    expect(use && visibleValues(use)).toBeNull();
  });
});

describe("buildTopology", () => {
  const topology = buildTopology([api, worker], links);

  it("has one node per workload with its versions and host counts", () => {
    const node = topology.nodes.find((n) => n.id === "api");
    expect(node?.kind).toBe("component");
    expect(node?.hosts).toBe(2);
    expect(node?.versions.map((v) => [v.version, v.hosts])).toEqual([
      ["1.0.0", 1],
      ["1.1.0", 1],
    ]);
    expect(topology.nodes.map((n) => n.id).sort()).toEqual(["api", "http", "kv", "worker"]);
  });

  it("draws every link as an edge from source to target, named when not default", () => {
    expect(topology.edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ["api", "kv", "wasi:keyvalue/store"],
      ["http", "api", "wasi:http/incoming-handler"],
      ["worker", "kv", "wasi:keyvalue/store (cache)"],
    ]);
  });

  it("lays callers left of what they call, without overlapping nodes", () => {
    const x = (id: string) => topology.nodes.find((n) => n.id === id)?.x ?? NaN;
    expect(x("http")).toBeLessThan(x("api"));
    expect(x("api")).toBeLessThan(x("kv"));
    for (const a of topology.nodes)
      for (const b of topology.nodes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
  });

  it("keeps a link end that runs nowhere as a missing node", () => {
    const t = buildTopology([api], [link("api", "ghost")]);
    expect(t.nodes.find((n) => n.id === "ghost")).toMatchObject({ kind: "missing", hosts: 0 });
  });
});
