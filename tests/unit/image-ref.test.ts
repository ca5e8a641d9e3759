import { describe, expect, it } from "vitest";
import { imageRefProblem, imageVersion, parseImageRef } from "@/lib/image-ref";

describe("parseImageRef", () => {
  it.each([
    [
      "ghcr.io/acme/api:1.4.0",
      { registry: "ghcr.io", repository: "acme/api", tag: "1.4.0", digest: null },
    ],
    [
      "localhost:5000/hello:0.2.0",
      { registry: "localhost:5000", repository: "hello", tag: "0.2.0", digest: null },
    ],
    ["acme/api", { registry: null, repository: "acme/api", tag: null, digest: null }],
    [
      "ghcr.io/acme/api@sha256:abcdef0123456789",
      { registry: "ghcr.io", repository: "acme/api", tag: null, digest: "sha256:abcdef0123456789" },
    ],
    [
      "ghcr.io/acme/api:1.0@sha256:ff",
      { registry: "ghcr.io", repository: "acme/api", tag: "1.0", digest: "sha256:ff" },
    ],
  ])("parses %s", (raw, expected) => {
    expect(parseImageRef(raw)).toMatchObject({ scheme: "oci", ...expected });
  });

  it("recognises builtin and file refs", () => {
    expect(parseImageRef("wasmcloud+builtin://http-server")).toMatchObject({
      scheme: "builtin",
      repository: "http-server",
    });
    expect(parseImageRef("file:///tmp/x.wasm")).toMatchObject({ scheme: "file" });
  });
});

describe("imageVersion", () => {
  it("prefers the tag, then a short digest, then latest", () => {
    expect(imageVersion("ghcr.io/acme/api:1.4.0")).toBe("1.4.0");
    expect(imageVersion("ghcr.io/acme/api@sha256:0123456789abcdef0123")).toBe("0123456789ab");
    expect(imageVersion("ghcr.io/acme/api")).toBe("latest");
  });
});

describe("imageRefProblem", () => {
  it.each([
    "ghcr.io/acme/hello:0.2.0",
    "localhost:5000/hello:0.2.0",
    "hello",
    "acme/hello_world-api:v1.0.0-rc.1",
    "registry.example.com:443/a/b/c@sha256:" + "a".repeat(64),
    "ghcr.io/acme/api:1.0@sha256:" + "0".repeat(64),
    "[::1]:5000/hello:1",
    "file:///tmp/hello.wasm",
    "wasmcloud+builtin://http-server",
  ])("accepts %s", (raw) => {
    expect(imageRefProblem(raw)).toBeNull();
  });

  it.each([
    ["", "is empty"],
    ["ghcr.io/acme/hello:0.2.0 ", "whitespace"],
    ["ghcr.io/Acme/hello:1", "repository component"],
    ["ghcr.io/acme/hello:", "tag"],
    ["ghcr.io/acme/hello:-x", "tag"],
    ["ghcr.io/acme/hello@sha256:abc", "digest"],
    ["ghcr.io/acme/hello@sha256:" + "A".repeat(64), "sha256"],
    ["ghcr.io/acme//hello", "repository component"],
    ["-bad.io/hello", "registry"],
    ["ghcr.io/", "repository component"],
    ["https://ghcr.io/acme/hello", "scheme"],
    ["file://", "no file"],
    ["wasmcloud+builtin://Http_Server", "builtin"],
  ])("rejects %j", (raw, reason) => {
    expect(imageRefProblem(raw)).toContain(reason);
  });
});
