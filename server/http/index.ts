import "server-only";
export { json, errorResponse, badRequest } from "./error-response";
export { latticeEventStream } from "./sse-stream";
export type { StreamOptions } from "./sse-stream";
export { StreamHub, hubFor } from "./stream-hub";
export type { StreamClient, StreamSource } from "./stream-hub";
export { observerFor } from "./lattice-params";
export { rolloutsFor, actorOf, parseJsonBody } from "./rollout-params";
export { rolloutEventStream } from "./rollout-stream";
