import { describe, expect, it } from "vitest";
import {
  deleteLinkBody,
  ScaleComponentCommand,
  scaleComponentBody,
  startProviderBody,
  StartProviderCommand,
  stopProviderBody,
  StopProviderCommand,
  updateComponentBody,
  UpdateComponentCommand,
} from "@/lib/protocol";

const HOST = "NB4HOSTAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const WADM = { "wasmcloud.dev/managed-by": "wadm" };

type Row = { situation: string; body: object; wire: object };

const rows: Row[] = [
  {
    situation: "a rescale sends count, host_id and the current annotations",
    body: scaleComponentBody({
      hostId: HOST,
      componentId: "api",
      componentRef: "ghcr.io/acme/api:1.4.0",
      count: 5,
      annotations: WADM,
      config: ["api-cfg"],
    }),
    wire: {
      component_id: "api",
      component_ref: "ghcr.io/acme/api:1.4.0",
      count: 5,
      host_id: HOST,
      annotations: WADM,
      config: ["api-cfg"],
    },
  },
  {
    situation: "a stop is count 0, with empty annotations and config still sent",
    body: scaleComponentBody({
      hostId: HOST,
      componentId: "api",
      componentRef: "ghcr.io/acme/api:1.4.0",
      count: 0,
      annotations: {},
    }),
    wire: {
      component_id: "api",
      component_ref: "ghcr.io/acme/api:1.4.0",
      count: 0,
      host_id: HOST,
      annotations: {},
      config: [],
    },
  },
  {
    situation: "limits travel as component_limits only when given",
    body: scaleComponentBody({
      hostId: HOST,
      componentId: "api",
      componentRef: "r:1",
      count: 1,
      annotations: {},
      componentLimits: { max_memory_limit: "256" },
    }),
    wire: {
      component_id: "api",
      component_ref: "r:1",
      count: 1,
      host_id: HOST,
      annotations: {},
      config: [],
      component_limits: { max_memory_limit: "256" },
    },
  },
  {
    situation: "an update resends the annotations and names the new ref",
    body: updateComponentBody({
      hostId: HOST,
      componentId: "api",
      newComponentRef: "ghcr.io/acme/api:1.5.0",
      annotations: WADM,
    }),
    wire: {
      component_id: "api",
      new_component_ref: "ghcr.io/acme/api:1.5.0",
      host_id: HOST,
      annotations: WADM,
    },
  },
  {
    situation: "a provider start always has host_id, config and annotations",
    body: startProviderBody({
      hostId: HOST,
      providerId: "http",
      providerRef: "ghcr.io/wasmcloud/http-server:0.24.0",
    }),
    wire: {
      provider_id: "http",
      provider_ref: "ghcr.io/wasmcloud/http-server:0.24.0",
      host_id: HOST,
      config: [],
      annotations: {},
    },
  },
  {
    situation: "a provider stop names the host and the provider id",
    body: stopProviderBody({ hostId: HOST, providerId: "http" }),
    wire: { host_id: HOST, provider_id: "http" },
  },
  {
    situation: "a link delete is keyed without target or interfaces, name defaulted",
    body: deleteLinkBody({ sourceId: "api", witNamespace: "wasi", witPackage: "keyvalue" }),
    wire: { source_id: "api", name: "default", wit_namespace: "wasi", wit_package: "keyvalue" },
  },
];

describe("ctl body builders (protocol §2.3–2.5, §6.1)", () => {
  it.each(rows)("$situation", ({ body, wire }) => {
    // exact JSON on the wire: key for key, nothing extra
    expect(JSON.parse(JSON.stringify(body))).toStrictEqual(wire);
  });

  it("never sends max_instances or allow_update on a scale", () => {
    const body = scaleComponentBody({
      hostId: HOST,
      componentId: "api",
      componentRef: "r:1",
      count: 3,
      annotations: {},
    });
    expect(body).not.toHaveProperty("max_instances");
    expect(body).not.toHaveProperty("allow_update");
  });

  it("builds bodies that a host decodes to the same values", () => {
    const scale = { hostId: HOST, componentId: "api", componentRef: "r:1", count: 3 };
    expect(
      ScaleComponentCommand.parse(scaleComponentBody({ ...scale, annotations: WADM })),
    ).toMatchObject({ count: 3, host_id: HOST, annotations: WADM, allow_update: false });
    expect(
      UpdateComponentCommand.parse(
        updateComponentBody({
          hostId: HOST,
          componentId: "api",
          newComponentRef: "r:2",
          annotations: WADM,
        }),
      ),
    ).toEqual({ component_id: "api", new_component_ref: "r:2", host_id: HOST, annotations: WADM });
    const start = startProviderBody({ hostId: HOST, providerId: "p", providerRef: "p:1" });
    expect(StartProviderCommand.parse(start).provider_id).toBe("p");
    const stop = stopProviderBody({ hostId: HOST, providerId: "p" });
    expect(StopProviderCommand.parse(stop)).toEqual({ host_id: HOST, provider_id: "p" });
  });

  it("copies its inputs: a later change to the caller's maps does not leak into the body", () => {
    const annotations = { a: "1" };
    const body = scaleComponentBody({
      hostId: HOST,
      componentId: "api",
      componentRef: "r:1",
      count: 1,
      annotations,
    });
    annotations.a = "2";
    expect(body.annotations).toEqual({ a: "1" });
  });
});
