import "server-only";
import { configDataBucket, isSafeToken, latticeDataBucket } from "@/lib/protocol";
import type { ApiConfig, ApiLink } from "@/lib/schemas/lattice-data";
import type { ManagedConnection } from "@/server/nats";
import { WatchedBucket, type BucketStats } from "./lattice-data-bucket";
import {
  compareLinks,
  COMPONENT_PREFIX,
  parseConfigEntry,
  parseSpecEntry,
  type StoredConfig,
} from "./lattice-data-entries";
import { InvalidIdError } from "./errors";
import { ListenerSet } from "./listener-set";
import { consoleLogger, type Logger } from "./message-stats";

export interface LatticeDataOptions {
  lattice: string;
  connection: ManagedConnection;
  /** How often to try binding again while a bucket is absent or its watch was lost. */
  retryMs?: number;
  logger?: Logger;
}

export interface LatticeDataStats {
  latticeData: BucketStats;
  configData: BucketStats;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The lattice's links and configs, as the hosts store them in `LATTICEDATA_{lattice}` and
 * `CONFIGDATA_{lattice}` (protocol §6.4), kept current by KV watches. Reads are synchronous and
 * served from memory, so the planner can consult them for every host of a large lattice; the
 * sorted lists are built once per change. The console only reads these buckets: writes go
 * through ctl operations so that hosts validate them and emit events (§6.4).
 */
export class LatticeData {
  readonly lattice: string;
  /** Resolves once both buckets were loaded, or found absent, for the first time. */
  readonly ready: Promise<void>;
  private readonly specs: WatchedBucket<ApiLink[]>;
  private readonly configData: WatchedBucket<StoredConfig>;
  private readonly changeListeners: ListenerSet<void>;
  private linkCache: ApiLink[] | null = null;
  private configCache: ApiConfig[] | null = null;

  constructor(options: LatticeDataOptions) {
    this.lattice = options.lattice;
    const logger = options.logger ?? consoleLogger;
    this.changeListeners = new ListenerSet((err) =>
      logger.warn(`lattice ${this.lattice}: lattice data listener failed: ${String(err)}`),
    );
    const common = {
      lattice: options.lattice,
      connection: options.connection,
      retryMs: options.retryMs ?? 5_000,
      logger,
    };
    this.specs = new WatchedBucket({
      ...common,
      bucket: latticeDataBucket(options.lattice),
      parse: parseSpecEntry,
      onChange: () => {
        this.linkCache = null;
        this.changeListeners.emit();
      },
    });
    this.configData = new WatchedBucket({
      ...common,
      bucket: configDataBucket(options.lattice),
      parse: parseConfigEntry,
      onChange: () => {
        this.configCache = null;
        this.changeListeners.emit();
      },
    });
    this.ready = Promise.all([this.specs.ready, this.configData.ready]).then(() => undefined);
  }

  get stats(): LatticeDataStats {
    return { latticeData: this.specs.stats, configData: this.configData.stats };
  }

  /**
   * Every link of the lattice in a stable order (source, namespace, package, name, target).
   * The array is the caller's; the link objects are shared and must not be mutated.
   */
  links(): ApiLink[] {
    this.linkCache ??= [...this.specs.values()].flatMap(([, links]) => links).sort(compareLinks);
    return [...this.linkCache];
  }

  /** Every config by name; a `SECRET_*` one only as `{name, secret: true}` (protocol §6.2). */
  configs(): ApiConfig[] {
    this.configCache ??= [...this.configData.values()]
      .sort(([a], [b]) => byText(a, b))
      .map(([name, config]) =>
        config.secret ? { name, secret: true } : { name, values: { ...config.values } },
      );
    return this.configCache.map((c) => ("values" in c ? { ...c, values: { ...c.values } } : c));
  }

  /** A plain config's values, for the planner; null when absent or a secret reference. */
  configValues(name: string): Record<string, string> | null {
    const config = this.configData.get(name);
    return config && !config.secret ? { ...config.values } : null;
  }

  /** Whether a config of that name exists, secret references included (ctl checks, §6.1). */
  hasConfig(name: string): boolean {
    return this.configData.get(name) !== undefined;
  }

  /**
   * The links stored under one source, read from the server now rather than from the watched
   * copy: concurrent writes to one source can drop a link even after a success reply, so a
   * link write is verified by reading its key (protocol §10 "Link writes can lose each other").
   */
  async readSourceLinks(sourceId: string): Promise<ApiLink[]> {
    if (!isSafeToken(sourceId)) throw new InvalidIdError("source id", sourceId);
    const links = await this.specs.read(`${COMPONENT_PREFIX}${sourceId}`);
    return (links ?? []).slice().sort(compareLinks);
  }

  /** Called after each change of either bucket, including a reload after reconnect. */
  onChange(listener: () => void): () => void {
    return this.changeListeners.add(listener);
  }

  stop(): void {
    this.specs.stop();
    this.configData.stop();
  }
}
