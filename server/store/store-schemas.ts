import "server-only";
import { z } from "zod";

/** Who drives a rollout, until when (epoch ms); taken over only by CAS once expired. */
export const Lease = z.object({ owner: z.string(), expiresAt: z.number() });
export type Lease = z.infer<typeof Lease>;

export const RevisionCounter = z.object({ last: z.number().int().nonnegative() });

/** A config-name list the console set itself: the only way it can know one (API.md). */
export const KnownConfig = z.object({ config: z.array(z.string()) });
