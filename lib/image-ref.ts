/**
 * Parses an OCI image reference (`[registry/]repository[:tag][@digest]`) or a `file://` /
 * `wasmcloud+builtin://` URL into parts, so the UI can show versions and spot skew.
 */
export interface ImageRef {
  raw: string;
  scheme: "oci" | "file" | "builtin";
  registry: string | null;
  repository: string;
  tag: string | null;
  digest: string | null;
}

export function parseImageRef(raw: string): ImageRef {
  const ref = raw.trim();
  if (ref.startsWith("file://")) {
    return {
      raw,
      scheme: "file",
      registry: null,
      repository: ref.slice(7),
      tag: null,
      digest: null,
    };
  }
  if (ref.startsWith("wasmcloud+builtin://")) {
    const name = ref.slice("wasmcloud+builtin://".length);
    return { raw, scheme: "builtin", registry: null, repository: name, tag: null, digest: null };
  }
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const firstSlash = rest.indexOf("/");
  if (firstSlash > 0) {
    const head = rest.slice(0, firstSlash);
    // Docker's rule: the first component is a registry when it looks like a host.
    if (head.includes(".") || head.includes(":") || head === "localhost") {
      registry = head;
      rest = rest.slice(firstSlash + 1);
    }
  }
  return { raw, scheme: "oci", registry, repository: rest, tag, digest };
}

/** A short version label: the tag, else a short digest, else the whole ref. */
export function imageVersion(raw: string): string {
  const ref = parseImageRef(raw);
  if (ref.tag) return ref.tag;
  if (ref.digest) return ref.digest.replace(/^sha256:/, "").slice(0, 12);
  return ref.scheme === "oci" ? "latest" : ref.raw;
}
