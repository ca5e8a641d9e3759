import "server-only";
import { JetStreamApiCodes, JetStreamApiError } from "@nats-io/jetstream";
import { Kvm, type KV, type KvEntry } from "@nats-io/kv";
import type { ManagedConnection } from "@/server/nats";
import type { EntryParse } from "./lattice-data-entries";
import { NotConnectedError } from "./errors";
import type { Logger } from "./message-stats";

type Watch = Awaited<ReturnType<KV["watch"]>>;

export interface BucketStats {
  /** True while a watch on the bucket is live. */
  watching: boolean;
  /** Keys currently held (after parsing). */
  keys: number;
  /** Values that failed to parse and were skipped. */
  malformed: number;
  /** Completed initial loads (1 + one per re-watch after a reconnect or a lost watch). */
  loads: number;
}

export interface WatchedBucketOptions<T> {
  bucket: string;
  lattice: string;
  connection: ManagedConnection;
  parse: (key: string, value: Uint8Array) => EntryParse<T>;
  /** Delay before binding again when the bucket is absent or the watch was lost. */
  retryMs: number;
  logger: Logger;
  onChange: () => void;
}

const MALFORMED_LOG_EVERY_MS = 60_000;

function isStreamNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound;
}

/**
 * An in-memory replica of one hosts' KV bucket, fed by a KV watch so that reads are synchronous.
 * It only binds: the first wasmCloud host creates the bucket (protocol §6.4), and a console that
 * created it first could give it settings the hosts do not expect. Until the bucket exists it
 * reports empty and tries again every `retryMs`. On reconnect it re-watches from scratch (the
 * watch's consumer does not outlive a nats-server restart) and keeps serving the previous copy
 * until the new initial contents are loaded, then swaps them in whole.
 */
export class WatchedBucket<T> {
  private entries = new Map<string, T>();
  private watch: Watch | null = null;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private lastMalformedLog = -Infinity;
  private isUnavailableLogged = false;
  private readonly counters = { malformed: 0, loads: 0 };
  private readonly unwatchConnection: () => void;
  private markReady: () => void = () => {};
  /** Resolves after the first attempt: contents loaded, or the bucket found absent. */
  readonly ready: Promise<void>;

  constructor(private readonly options: WatchedBucketOptions<T>) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.unwatchConnection = options.connection.onChange((change) => {
      if (change.reconnected) this.rewatch();
    });
    void this.start();
  }

  get stats(): BucketStats {
    return {
      watching: this.watch !== null,
      keys: this.entries.size,
      malformed: this.counters.malformed,
      loads: this.counters.loads,
    };
  }

  values(): IterableIterator<[string, T]> {
    return this.entries.entries();
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  /**
   * A direct read of one key from the server, bypassing the watched copy; null when the key or
   * the bucket is absent, or the value does not parse (counted like a watched one).
   */
  async read(key: string): Promise<T | null> {
    const nc = this.options.connection.connection;
    if (!nc || nc.isClosed()) throw new NotConnectedError(this.options.lattice);
    try {
      const kv = await new Kvm(nc).open(this.options.bucket);
      const entry = await kv.get(key);
      return entry ? this.parse(entry) : null;
    } catch (err) {
      if (isStreamNotFound(err)) return null;
      throw err;
    }
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
    this.unwatchConnection();
    clearTimeout(this.retryTimer);
    this.watch?.stop();
    this.watch = null;
    this.markReady();
  }

  private async start(): Promise<void> {
    // Rejects only when the connection is closed before it was ever established.
    const nc = await this.options.connection.connected.catch(() => null);
    if (!nc) this.markReady();
    else this.rewatch();
  }

  private rewatch(): void {
    if (this.stopped) return;
    this.generation += 1;
    clearTimeout(this.retryTimer);
    this.watch?.stop();
    this.watch = null;
    void this.attach(this.generation);
  }

  private retryLater(generation: number): void {
    if (this.stopped || generation !== this.generation) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.rewatch(), this.options.retryMs);
  }

  private async attach(generation: number): Promise<void> {
    const nc = this.options.connection.connection;
    if (!nc) return this.retryLater(generation);
    let watch: Watch;
    try {
      const kv = await new Kvm(nc).open(this.options.bucket);
      watch = await kv.watch();
      if (generation !== this.generation) return void watch.stop();
      this.watch = watch;
      const staging = new Map<string, T>();
      let loading = true;
      const finishLoad = () => {
        if (!loading || generation !== this.generation) return;
        loading = false;
        this.entries = staging;
        this.counters.loads += 1;
        this.isUnavailableLogged = false;
        this.options.onChange();
        this.markReady();
      };
      void this.consume(generation, watch, (entry) => {
        this.apply(loading ? staging : this.entries, entry);
        if (!loading) this.options.onChange();
        // The watch flags the entry that completes the initial contents as an update.
        if (entry.isUpdate) finishLoad();
      });
      // An empty bucket delivers no entry at all to flag the end of the initial contents.
      if ((await kv.status()).values === 0) finishLoad();
    } catch (err) {
      if (generation !== this.generation) return;
      if (isStreamNotFound(err)) {
        // Absent (never created, or lost with the server's store): there is nothing to show.
        if (this.entries.size > 0) {
          this.entries = new Map();
          this.options.onChange();
        }
      } else {
        // e.g. JetStream still recovering after a restart: keep the last copy meanwhile, and
        // say so once per outage rather than on every retry.
        if (!this.isUnavailableLogged) {
          this.isUnavailableLogged = true;
          this.options.logger.warn(`${this.label}: cannot watch yet: ${String(err)}`);
        }
      }
      this.watch?.stop();
      this.watch = null;
      this.markReady();
      this.retryLater(generation);
    }
  }

  private async consume(
    generation: number,
    watch: Watch,
    onEntry: (entry: KvEntry & { isUpdate: boolean }) => void,
  ): Promise<void> {
    try {
      for await (const entry of watch) {
        if (generation !== this.generation) break;
        onEntry(entry);
      }
    } catch (err) {
      if (generation === this.generation) this.options.logger.warn(`${this.label}: ${String(err)}`);
    }
    // A watch that ends on its own (bucket deleted, consumer lost) is re-established.
    if (generation !== this.generation) return;
    this.watch = null;
    this.retryLater(generation);
  }

  private apply(target: Map<string, T>, entry: KvEntry): void {
    // DEL and PURGE markers carry no value: the key is gone (config.del purges, §6.2).
    if (entry.operation !== "PUT") {
      target.delete(entry.key);
      return;
    }
    const value = this.parse(entry);
    if (value === null) target.delete(entry.key);
    else target.set(entry.key, value);
  }

  /** The parsed value, or null when it is of no interest or malformed (then counted, logged). */
  private parse(entry: KvEntry): T | null {
    const parsed = this.options.parse(entry.key, entry.value);
    switch (parsed.kind) {
      case "value":
        return parsed.value;
      case "ignored":
        return null;
      case "malformed": {
        this.counters.malformed += 1;
        const now = Date.now();
        // A writer spewing garbage must not flood the log: one line per interval, with the count.
        if (now - this.lastMalformedLog >= MALFORMED_LOG_EVERY_MS) {
          this.lastMalformedLog = now;
          this.options.logger.warn(
            `${this.label}: skipped malformed value (${this.counters.malformed} so far): ${parsed.detail}`,
          );
        }
        return null;
      }
    }
  }

  private get label(): string {
    return `lattice ${this.options.lattice}: ${this.options.bucket}`;
  }
}
