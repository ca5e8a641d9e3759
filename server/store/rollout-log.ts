import "server-only";
import type { NatsConnection } from "@nats-io/transport-node";
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from "@nats-io/jetstream";
import { RolloutLogEntry } from "@/lib/schemas/rollout";

/** Each rollout's own event log: an append-only JetStream stream (DESIGN.md decisions). */
export const logStream = (lattice: string) => `LATTICE_CONSOLE_LOG_${lattice}`;
const logSubject = (lattice: string, id: string) => `latticeconsole.log.${lattice}.${id}`;

const LogLine = RolloutLogEntry.omit({ seq: true });
export type LogLine = Omit<RolloutLogEntry, "seq">;

/** Longest log kept per rollout; older lines are dropped first. */
const MAX_LINES_PER_ROLLOUT = 5_000;

export class RolloutLog {
  private constructor(
    private readonly lattice: string,
    private readonly js: JetStreamClient,
  ) {}

  static async open(nc: NatsConnection, lattice: string): Promise<RolloutLog> {
    const jsm: JetStreamManager = await jetstreamManager(nc);
    const name = logStream(lattice);
    const config = {
      name,
      subjects: [`latticeconsole.log.${lattice}.>`],
      max_msgs_per_subject: MAX_LINES_PER_ROLLOUT,
    };
    try {
      await jsm.streams.info(name);
    } catch {
      await jsm.streams.add(config);
    }
    return new RolloutLog(lattice, jetstream(nc));
  }

  async append(id: string, lines: readonly LogLine[]): Promise<void> {
    for (const line of lines) {
      await this.js.publish(logSubject(this.lattice, id), JSON.stringify(line));
    }
  }

  /** The rollout's log, oldest first; malformed lines are skipped. */
  async read(id: string, limit = 1_000): Promise<RolloutLogEntry[]> {
    const consumer = await this.js.consumers.get(logStream(this.lattice), {
      filter_subjects: logSubject(this.lattice, id),
    });
    const info = await consumer.info(true);
    const total = info.num_pending;
    if (total === 0) return [];
    const entries: RolloutLogEntry[] = [];
    const iter = await consumer.fetch({ max_messages: total, expires: 5_000 });
    for await (const msg of iter) {
      const parsed = LogLine.safeParse(msg.json());
      if (parsed.success) entries.push({ ...parsed.data, seq: msg.seq });
      if (msg.info.pending === 0) break;
    }
    return entries.slice(-limit);
  }
}
