export * from "./envelope";
export * from "./inventory";
export * from "./events";
export * from "./commands";
export * from "./subjects";
export * from "./ctl-bodies";
