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

// The OCI reference grammar (distribution/reference `regexp.go`), anchored piece by piece so a
// bad ref gets a reason rather than a bare "invalid".
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]+)?$`,
);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;
const BUILTIN_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 255;

/**
 * Why `raw` is not a reference a wasmCloud host can fetch, or `null` when it is: a strict OCI
 * reference (`[registry[:port]/]path[:tag][@algo:hex]`), a `file://` path or a
 * `wasmcloud+builtin://` provider name (protocol §7.4).
 */
export function imageRefProblem(raw: string): string | null {
  if (raw.length === 0) return "is empty";
  if (/\s/.test(raw)) return "contains whitespace";
  if (raw.startsWith("file://")) {
    return raw.length > "file://".length ? null : "names no file";
  }
  if (raw.startsWith("wasmcloud+builtin://")) {
    const name = raw.slice("wasmcloud+builtin://".length);
    return BUILTIN_NAME.test(name) ? null : `has an invalid builtin name "${name}"`;
  }
  if (raw.includes("://")) return "has an unsupported scheme";
  let rest = raw;
  const at = rest.indexOf("@");
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    if (!DIGEST.test(digest)) return `has an invalid digest "${digest}"`;
    if (digest.startsWith("sha256:") && !SHA256.test(digest)) {
      return "has a sha256 digest that is not 64 lowercase hex digits";
    }
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    const tag = rest.slice(colon + 1);
    if (!TAG.test(tag)) return `has an invalid tag "${tag}"`;
    rest = rest.slice(0, colon);
  }
  if (rest.length === 0) return "names no repository";
  if (rest.length > MAX_NAME_LENGTH) return `has a name longer than ${MAX_NAME_LENGTH} characters`;
  const parts = rest.split("/");
  const head = parts[0] ?? "";
  // Docker's rule: the first component is a registry when it looks like a host.
  const hasRegistry =
    parts.length > 1 &&
    (head.includes(".") ||
      head.includes(":") ||
      head === "localhost" ||
      head !== head.toLowerCase());
  if (hasRegistry && !DOMAIN.test(head)) return `has an invalid registry "${head}"`;
  const path = hasRegistry ? parts.slice(1) : parts;
  if (path.length === 0) return "names no repository";
  for (const part of path) {
    if (!PATH_COMPONENT.test(part)) {
      return `has an invalid repository component "${part}" (lowercase letters, digits and . _ -)`;
    }
  }
  return null;
}
