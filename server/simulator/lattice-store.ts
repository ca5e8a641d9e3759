import { Kvm, type KV } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";
import { ConfigValues, Link, configDataBucket, latticeDataBucket } from "@/lib/protocol";

/** `COMPONENT_{id}` value in `LATTICEDATA_{lattice}` (protocol §6.4). */
export const ComponentSpec = z.object({
  url: z.string().default(""),
  links: z.array(Link).default([]),
});
export type ComponentSpec = z.output<typeof ComponentSpec>;

const SPEC_PREFIX = "COMPONENT_";

/**
 * Lattice-wide state of the simulated hosts, kept in the real JetStream KV buckets so that
 * every host (and the console reading the buckets) sees the same links and configs. Reads go
 * to the bucket each time instead of a watched replica: simpler, and equally consistent for a
 * single-server test lattice.
 */
export class LatticeStore {
  private constructor(
    private latticeData: KV,
    private configData: KV,
    private readonly kvm: Kvm,
    private readonly lattice: string,
  ) {}

  /** Creates (or binds to) both buckets, as the first host of a lattice does. */
  static async open(nc: NatsConnection, lattice: string): Promise<LatticeStore> {
    const kvm = new Kvm(nc);
    const [latticeData, configData] = await Promise.all([
      kvm.create(latticeDataBucket(lattice)),
      kvm.create(configDataBucket(lattice)),
    ]);
    return new LatticeStore(latticeData, configData, kvm, lattice);
  }

  /** Re-creates missing buckets, e.g. after NATS came back with an empty store. */
  async ensureBuckets(): Promise<void> {
    [this.latticeData, this.configData] = await Promise.all([
      this.kvm.create(latticeDataBucket(this.lattice)),
      this.kvm.create(configDataBucket(this.lattice)),
    ]);
  }

  async getConfig(name: string): Promise<Record<string, string> | undefined> {
    const entry = await this.configData.get(name);
    if (!entry || entry.operation !== "PUT" || entry.length === 0) return undefined;
    const parsed = ConfigValues.safeParse(safeJson(entry.string()));
    return parsed.success ? parsed.data : undefined;
  }

  async putConfig(name: string, values: Record<string, string>): Promise<void> {
    await this.configData.put(name, JSON.stringify(values));
  }

  async deleteConfig(name: string): Promise<void> {
    await this.configData.purge(name);
  }

  /** Names among `names` that have no entry in `CONFIGDATA` (in request order). */
  async missingConfigs(names: readonly string[]): Promise<string[]> {
    const found = await Promise.all(names.map((n) => this.getConfig(n)));
    return names.filter((_, i) => found[i] === undefined);
  }

  async getSpec(id: string): Promise<ComponentSpec | undefined> {
    const entry = await this.latticeData.get(`${SPEC_PREFIX}${id}`);
    if (!entry || entry.operation !== "PUT" || entry.length === 0) return undefined;
    const parsed = ComponentSpec.safeParse(safeJson(entry.string()));
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Read-modify-write of `COMPONENT_{id}` with compare-and-set on the entry revision, so that
   * hosts recording an image and hosts putting links concurrently never lose each other's
   * writes. `change` gets the current spec (undefined if none) and returns the new one, or
   * undefined to leave it as it is.
   *
   * With `lossyWindowMs` (the `lose-link-writes` fault) the write is a plain put after that
   * long a window, as 1.9 writes it: a concurrent rewrite of the key is silently lost
   * (protocol §10 "Link writes can lose each other").
   */
  async modifySpec(
    id: string,
    change: (spec: ComponentSpec | undefined) => ComponentSpec | undefined,
    lossyWindowMs?: number,
  ): Promise<void> {
    const key = `${SPEC_PREFIX}${id}`;
    for (let attempt = 0; ; attempt++) {
      const entry = await this.latticeData.get(key);
      const parsed =
        entry && entry.operation === "PUT" && entry.length > 0
          ? ComponentSpec.safeParse(safeJson(entry.string()))
          : undefined;
      const next = change(parsed?.success ? parsed.data : undefined);
      if (next === undefined) return;
      if (lossyWindowMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, lossyWindowMs));
        await this.latticeData.put(key, JSON.stringify(next));
        return;
      }
      try {
        if (entry) await this.latticeData.update(key, JSON.stringify(next), entry.revision);
        else await this.latticeData.create(key, JSON.stringify(next));
        return;
      } catch (e) {
        // another writer won the race: read again (bounded, a real conflict storm is a bug)
        if (attempt >= 50) throw e;
      }
    }
  }

  /**
   * Records the image of a started component/provider, keeping its links (protocol §6.4). An
   * unchanged image is not rewritten: hundreds of hosts starting the same id would otherwise
   * contend for one key's revision. Under the lossy-write fault every start re-puts the spec,
   * as 1.9 does, so a start can clobber a concurrent link write.
   */
  async recordImage(id: string, url: string, lossyWindowMs?: number): Promise<void> {
    await this.modifySpec(
      id,
      (spec) =>
        spec?.url === url && lossyWindowMs === undefined ? undefined : { links: [], ...spec, url },
      lossyWindowMs,
    );
  }

  /** Every link of the lattice, stored under their sources. */
  async allLinks(): Promise<Link[]> {
    const keys: string[] = [];
    // KV filters are subject wildcards (whole tokens only), so the prefix is matched here.
    for await (const key of await this.latticeData.keys()) {
      if (key.startsWith(SPEC_PREFIX)) keys.push(key);
    }
    keys.sort();
    const specs = await Promise.all(keys.map((k) => this.getSpec(k.slice(SPEC_PREFIX.length))));
    return specs.flatMap((s) => s?.links ?? []);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
