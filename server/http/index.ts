import "server-only";
export { json, errorResponse, badRequest } from "./error-response";
export { latticeEventStream } from "./sse-stream";
export type { StreamOptions } from "./sse-stream";
export { observerFor } from "./lattice-params";
