import "server-only";
import type {
  DeleteLinkArgs,
  ScaleComponentArgs,
  StartProviderArgs,
  StopProviderArgs,
  UpdateComponentArgs,
} from "@/lib/protocol";

/**
 * Console-side (camelCase) command inputs; the ctl client validates ids and maps them to wire
 * bodies with the builders of `lib/protocol/ctl-bodies.ts` (protocol §2).
 */
export type ScaleComponent = ScaleComponentArgs;
export type UpdateComponent = UpdateComponentArgs;
export type StartProvider = StartProviderArgs;
export type StopProvider = StopProviderArgs;
export type LinkKey = DeleteLinkArgs;
