import "server-only";
export { serverEnv, isBuildPhase, ConfigError, ServerEnv } from "./env";
