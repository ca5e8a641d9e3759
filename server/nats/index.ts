import "server-only";
export { ManagedConnection } from "./managed-connection";
export type { ConnectionOptions, ConnectionChange } from "./managed-connection";
export { latticeConnection, closeAllConnections } from "./connections";
