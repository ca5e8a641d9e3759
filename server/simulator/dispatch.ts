import { fail, type CtlResult } from "./ctl";
import { scaleComponent, updateComponent } from "./components";
import { getHost, pingHost, stopHost } from "./host-ops";
import {
  auctionComponent,
  auctionProvider,
  deleteLabel,
  putLabel,
  putRegistries,
} from "./host-ops-misc";
import { deleteConfig, getClaims, getConfig, putConfig } from "./config-ops";
import { deleteLink, getLinks, putLink } from "./link-ops";
import { startProvider, stopProvider } from "./providers";
import type { SimHost } from "./host";

const UNSUPPORTED = "unsupported subject";

/**
 * Routes a ctl request by the tokens after `{prefix}.v1.{lattice}.` (protocol §2). Anything a
 * subscription matches but no operation names gets `unsupported subject` (§1.3).
 */
export function dispatch(
  host: SimHost,
  tokens: string[],
  body: Uint8Array,
  hasReply: boolean,
): Promise<CtlResult> | CtlResult {
  const [noun, verb, ...rest] = tokens;
  const target = rest.length === 1 ? rest[0] : undefined;
  switch (noun) {
    case "host":
      if (verb === "ping" && rest.length === 0) return pingHost(host);
      if (verb === "get" && target) return getHost(host);
      if (verb === "stop" && target) return stopHost(host, body);
      return fail(UNSUPPORTED);
    case "registry":
      return verb === "put" ? putRegistries(body, hasReply) : fail(UNSUPPORTED);
    case "label":
      if (verb === "put" && target) return putLabel(host, body);
      if (verb === "del" && target) return deleteLabel(host, body);
      return fail(UNSUPPORTED);
    case "component":
      if (verb === "auction" && rest.length === 0) return auctionComponent(host, body);
      if (verb === "scale" && target) return scaleComponent(host, body);
      if (verb === "update" && target) return updateComponent(host, body);
      return fail(UNSUPPORTED);
    case "provider":
      if (verb === "auction" && rest.length === 0) return auctionProvider(host, body);
      if (verb === "start" && target) return startProvider(host, body);
      if (verb === "stop" && target) return stopProvider(host, body);
      return fail(UNSUPPORTED);
    case "link":
      if (verb === "put") return putLink(host, body);
      if (verb === "del") return deleteLink(host, body);
      if (verb === "get") return getLinks(host);
      return fail(UNSUPPORTED);
    case "claims":
      return verb === "get" ? getClaims() : fail(UNSUPPORTED);
    case "config":
      // A dotted config name yields extra tokens: rejected like the host does (protocol §1.2).
      if (target === undefined) return fail(UNSUPPORTED);
      if (verb === "put") return putConfig(host, target, body);
      if (verb === "get") return getConfig(host, target);
      if (verb === "del") return deleteConfig(host, target);
      return fail(UNSUPPORTED);
    default:
      return fail(UNSUPPORTED);
  }
}
