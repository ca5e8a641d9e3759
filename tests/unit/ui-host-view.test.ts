import { describe, expect, it } from "vitest";
import {
  byFriendlyName,
  eventTone,
  filterHosts,
  hostHealth,
  isWadmManaged,
  parseLabelFilter,
} from "@/lib/host-view";
import type { ProviderHealth } from "@/lib/schemas/host";
import { summarizeWorkloads } from "@/lib/workload-summary";
import { hostNamesKey, namesInOrder } from "@/lib/hooks/use-hosts-by-name";
import { host } from "./host-fixtures";

const provider = (id: string, health: ProviderHealth, imageRef = `ghcr.io/x/${id}:1.0.0`) => ({
  id,
  imageRef,
  health,
  annotations: {},
});
const component = (id: string, imageRef: string, maxInstances = 1, annotations = {}) => ({
  id,
  imageRef,
  maxInstances,
  annotations,
  limits: null,
});

describe("hostHealth", () => {
  it.each([
    ["no providers", [], "ok", "No providers"],
    ["all healthy", [provider("p", "healthy")], "ok", "Healthy"],
    [
      "one never checked",
      [provider("p", "healthy"), provider("q", "unknown")],
      "unknown",
      "1 health unknown",
    ],
    [
      "unhealthy wins",
      [provider("p", "unknown"), provider("q", "unhealthy")],
      "failed",
      "1 unhealthy",
    ],
  ] as const)("%s", (_name, providers, tone, label) => {
    expect(hostHealth(host("A", { providers: [...providers] }))).toMatchObject({ tone, label });
  });
});

describe("filterHosts", () => {
  const hosts = [
    host("A", { labels: { zone: "a", tier: "edge" } }),
    host("B", {
      labels: { zone: "b" },
      components: [component("greeter", "ghcr.io/acme/greeter:2.1.0")],
    }),
  ];
  it("matches key=value pairs, all of them", () => {
    expect(filterHosts(hosts, { labels: "zone=a, tier=edge", text: "" }).map((h) => h.id)).toEqual([
      "A",
    ]);
    expect(filterHosts(hosts, { labels: "zone=a tier=core", text: "" })).toEqual([]);
  });
  it("matches a bare key against any value", () => {
    expect(filterHosts(hosts, { labels: "tier", text: "" }).map((h) => h.id)).toEqual(["A"]);
  });
  it("searches names, ids and what runs on the host, case-insensitively", () => {
    expect(filterHosts(hosts, { labels: "", text: "GREETER" }).map((h) => h.id)).toEqual(["B"]);
    expect(filterHosts(hosts, { labels: "", text: "host-a" }).map((h) => h.id)).toEqual(["A"]);
  });
  it("returns the same list when no filter is set", () => {
    expect(filterHosts(hosts, { labels: " ", text: "" })).toBe(hosts);
  });
  it("parses the label filter", () => {
    expect(parseLabelFilter("zone=a,,k")).toEqual([
      ["zone", "a"],
      ["k", null],
    ]);
  });
});

describe("summarizeWorkloads", () => {
  const wadm = { "wasmcloud.dev/managed-by": "wadm" };
  const hosts = [
    host("A", {
      components: [component("api", "ghcr.io/acme/api:1.4.0", 16)],
      providers: [provider("http", "healthy")],
    }),
    host("B", {
      components: [component("api", "ghcr.io/acme/api:1.3.2", 16, wadm)],
      providers: [provider("http", "unhealthy")],
    }),
    host("C", { components: [component("api", "ghcr.io/acme/api:1.4.0", 4)] }),
  ];
  const [api, http] = summarizeWorkloads(hosts);
  it("groups by id with per-version host counts, most common version first", () => {
    expect(api.kind).toBe("component");
    expect(api.versions.map((v) => [v.version, v.hosts])).toEqual([
      ["1.4.0", 2],
      ["1.3.2", 1],
    ]);
    expect(api.totalInstances).toBe(36);
    expect(api.placements.map((p) => p.hostId)).toEqual(["A", "B", "C"]);
  });
  it("marks a workload wadm-managed when any placement carries the annotation", () => {
    expect(api.isWadmManaged).toBe(true);
    expect(isWadmManaged({})).toBe(false);
  });
  it("keeps provider health per placement", () => {
    expect(http.kind).toBe("provider");
    expect(http.placements.map((p) => p.health)).toEqual(["healthy", "unhealthy"]);
    expect(http.versions).toHaveLength(1);
  });
});

describe("ordering and event tones", () => {
  it("sorts friendly names with their numbers in numeric order", () => {
    const names = ["calm-river-3220", "calm-river-31044", "calm-river-999"];
    const sorted = names.map((n) => host(n, { friendlyName: n })).sort(byFriendlyName);
    expect(sorted.map((h) => h.friendlyName)).toEqual([
      "calm-river-999",
      "calm-river-3220",
      "calm-river-31044",
    ]);
  });
  it.each([
    ["component_scale_failed", "failed"],
    ["provider_stopped", "unknown"],
    ["health_check_passed", "ok"],
    ["component_scaled", "progressing"],
  ] as const)("%s reads as %s", (type, tone) => {
    expect(eventTone(type)).toBe(tone);
  });
});

describe("host name order", () => {
  it("orders by friendly name, numbers numerically, ids breaking ties, through the names key", () => {
    const hosts = [
      host("C", { friendlyName: "quiet-river-10" }),
      host("A", { friendlyName: "quiet-river-9" }),
      host("D", { friendlyName: "amber-lake-1" }),
      host("B", { friendlyName: "quiet-river-9" }),
    ];
    expect(namesInOrder(hostNamesKey(hosts))).toEqual([
      { id: "D", name: "amber-lake-1" },
      { id: "A", name: "quiet-river-9" },
      { id: "B", name: "quiet-river-9" },
      { id: "C", name: "quiet-river-10" },
    ]);
    expect(namesInOrder(hostNamesKey([]))).toEqual([]);
  });

  it("has the same key when only live fields change, and a new one when a name does", () => {
    const before = [host("A", { friendlyName: "a" }), host("B", { friendlyName: "b" })];
    const live = before.map((h) => ({ ...h, stale: true, lastSeen: "2026-12-01T00:00:00Z" }));
    expect(hostNamesKey(live)).toBe(hostNamesKey(before));
    expect(hostNamesKey([before[0]!, { ...before[1]!, friendlyName: "c" }])).not.toBe(
      hostNamesKey(before),
    );
  });
});
