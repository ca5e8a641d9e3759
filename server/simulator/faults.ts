/**
 * Injected faults, shared by every simulated host of a lattice and changed at run time through
 * the control subject (see control.ts). A host-specific setting wins over the lattice-wide one.
 */
export type ReplyMode = "none" | "drop" | "slow";

export interface ReplyFault {
  mode: ReplyMode;
  delayMs?: number;
}

const ALL = "*";

/**
 * Default read→write window of a lossy `COMPONENT_{id}` rewrite: long enough that two writes
 * for one source sent together both read before either writes, as they can on a busy lattice.
 */
const LOSSY_WRITE_WINDOW_MS = 50;

/** `silent` = the provider does not answer: the check publishes nothing (protocol §3.2). */
export type HealthAnswer = "healthy" | "unhealthy" | "silent";

export class Faults {
  /** image ref → error text: scale/start fail, update fails silently (protocol §7.2). */
  private readonly failingImages = new Map<string, string>();
  /** image refs whose update is acked and then never completes. */
  private readonly hangingImages = new Set<string>();
  /** `${hostId|*}/${providerId}` → the provider's answer to health checks. */
  private readonly health = new Map<string, HealthAnswer>();
  private readonly replies = new Map<string, ReplyFault>();
  private readonly droppedEvents = new Map<string, boolean>();
  /** image ref → extra fetch time of a scale, spent before the component lock (§10). */
  private readonly slowFetches = new Map<string, number>();
  /** `sourceId|*` → read→write window of plain, lossy `COMPONENT_{source}` puts, or off (§10). */
  private readonly lossyLinkWrites = new Map<string, number | false>();

  failImage(imageRef: string, error: string): void {
    this.failingImages.set(imageRef, error);
  }
  imageError(imageRef: string): string | undefined {
    return this.failingImages.get(imageRef);
  }

  hangUpdate(imageRef: string): void {
    this.hangingImages.add(imageRef);
  }
  isUpdateHanging(imageRef: string): boolean {
    return this.hangingImages.has(imageRef);
  }

  setProviderHealth(hostId: string | undefined, providerId: string, answer: HealthAnswer): void {
    if (hostId === undefined) {
      for (const key of [...this.health.keys()]) {
        if (key.endsWith(`/${providerId}`)) this.health.delete(key);
      }
    }
    this.health.set(`${hostId ?? ALL}/${providerId}`, answer);
  }
  providerHealth(hostId: string, providerId: string): HealthAnswer {
    return (
      this.health.get(`${hostId}/${providerId}`) ??
      this.health.get(`${ALL}/${providerId}`) ??
      "healthy"
    );
  }

  setReplyFault(hostId: string | undefined, fault: ReplyFault): void {
    if (hostId === undefined) this.replies.clear();
    this.replies.set(hostId ?? ALL, fault);
  }
  replyFault(hostId: string): ReplyFault {
    return this.replies.get(hostId) ?? this.replies.get(ALL) ?? { mode: "none" };
  }

  setDropEvents(hostId: string | undefined, enabled: boolean): void {
    if (hostId === undefined) this.droppedEvents.clear();
    this.droppedEvents.set(hostId ?? ALL, enabled);
  }
  areEventsDropped(hostId: string): boolean {
    return this.droppedEvents.get(hostId) ?? this.droppedEvents.get(ALL) ?? false;
  }

  slowFetch(imageRef: string, delayMs: number): void {
    this.slowFetches.set(imageRef, delayMs);
  }
  fetchDelayMs(imageRef: string): number {
    return this.slowFetches.get(imageRef) ?? 0;
  }

  setLoseLinkWrites(sourceId: string | undefined, enabled: boolean, windowMs?: number): void {
    if (sourceId === undefined) this.lossyLinkWrites.clear();
    this.lossyLinkWrites.set(sourceId ?? ALL, enabled && (windowMs ?? LOSSY_WRITE_WINDOW_MS));
  }
  /**
   * The read→write window of a plain (not compare-and-set) rewrite of `COMPONENT_{id}`, as
   * 1.9 does it (protocol §10 "Link writes can lose each other"); undefined = write safely.
   */
  lossyWriteWindowMs(id: string): number | undefined {
    const windowMs = this.lossyLinkWrites.get(id) ?? this.lossyLinkWrites.get(ALL) ?? false;
    return windowMs === false ? undefined : windowMs;
  }

  reset(): void {
    this.failingImages.clear();
    this.hangingImages.clear();
    this.health.clear();
    this.replies.clear();
    this.droppedEvents.clear();
    this.slowFetches.clear();
    this.lossyLinkWrites.clear();
  }
}
