import { describe, expect, it } from "vitest";
import { imageVersion, parseImageRef } from "@/lib/image-ref";

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
