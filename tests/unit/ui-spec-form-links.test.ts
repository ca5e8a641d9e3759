import { describe, expect, it } from "vitest";
import { RolloutSpec } from "@/lib/schemas/rollout";
import {
  changeLayout,
  emptyForm,
  emptyLinkRow,
  formToSpec,
  issuesByField,
  type SpecForm,
} from "@/lib/spec-form";

const kvLink = {
  ...emptyLinkRow(),
  sourceId: " http-api ",
  target: "kv-redis",
  witNamespace: "wasi",
  witPackage: "keyvalue",
  interfaces: "store, atomics",
  name: "",
  targetConfig: ["kv-redis-url"],
};

const withLinks = (patch: Partial<SpecForm>): SpecForm => ({
  ...emptyForm("component:http-api"),
  image: "ghcr.io/acme/http-api:1.5.0",
  ...patch,
});

describe("link edits of the New rollout form", () => {
  it("turns each row into a link change after the workload and config changes", () => {
    const form = withLinks({
      configName: "http-api-config",
      configRows: [{ key: "port", value: "80" }],
      linkRows: [kvLink, { ...kvLink, target: "counter", name: "count", isDelete: true }],
    });
    const spec = formToSpec(form);
    expect(spec.changes.map((c) => c.kind)).toEqual(["component", "config", "link", "link"]);
    expect(spec.changes[2]).toEqual({
      kind: "link",
      sourceId: "http-api",
      target: "kv-redis",
      witNamespace: "wasi",
      witPackage: "keyvalue",
      interfaces: ["store", "atomics"],
      name: "default",
      sourceConfig: [],
      targetConfig: ["kv-redis-url"],
      delete: false,
    });
    expect(spec.changes[3]).toMatchObject({ name: "count", delete: true });
    expect(changeLayout(form)).toEqual({ workload: 0, config: 1, links: [2, 3] });
    expect(RolloutSpec.safeParse(spec).success).toBe(true);
  });

  it("sends a link-only spec when no workload is chosen", () => {
    const form = { ...emptyForm(), linkRows: [kvLink] };
    expect(formToSpec(form).changes.map((c) => c.kind)).toEqual(["link"]);
    expect(changeLayout(form)).toEqual({ workload: null, config: null, links: [0] });
  });

  it("puts a 400's issue on the link row and field it names", () => {
    const form = withLinks({ linkRows: [kvLink, { ...kvLink, target: "" }] });
    const parsed = RolloutSpec.safeParse(formToSpec(form));
    expect(parsed.success).toBe(false);
    const issues = (parsed.error?.issues ?? []).map((i) => ({
      path: i.path.join("."),
      message: i.message,
    }));
    const errors = issuesByField(issues, changeLayout(form));
    expect(Object.keys(errors)).toEqual(["link-1-target"]);
    expect(
      issuesByField([{ path: "changes.1", message: "conflicts" }], changeLayout(form)),
    ).toEqual({ "link-0-row": ["conflicts"] });
    expect(
      issuesByField([{ path: "changes.0.imageRef", message: "bad" }], changeLayout(form)),
    ).toEqual({ image: ["bad"] });
  });
});
