import { monotonicFactory, ulidToUUID } from "ulid";
import { EVENT_TYPE_PREFIX, eventSubject, type EventName } from "@/lib/protocol";
import { derivedRng } from "./rng";

/** A CloudEvent as hosts publish it (protocol §3.1). */
export interface CloudEventWire {
  specversion: "1.0";
  id: string;
  type: string;
  source: string;
  datacontenttype: "application/json";
  time: string;
  data: object;
}

/**
 * Builds lattice events. Ids are ULIDs rendered as UUIDs (time-sortable, fresh per publish);
 * their random part comes from the scenario seed, the time part from the clock.
 */
export class EventFactory {
  private readonly nextUlid;

  constructor(seed: number) {
    this.nextUlid = monotonicFactory(derivedRng(seed, "event-ids"));
  }

  build(name: EventName, source: string, data: object, now = Date.now()): CloudEventWire {
    return {
      specversion: "1.0",
      id: ulidToUUID(this.nextUlid(now)).toLowerCase(),
      type: `${EVENT_TYPE_PREFIX}${name}`,
      source,
      datacontenttype: "application/json",
      time: rfc3339(now),
      data,
    };
  }

  subject(lattice: string, name: EventName): string {
    return eventSubject(lattice, name);
  }
}

/** RFC 3339 UTC with fractional seconds (microseconds, like the host's chrono output). */
export function rfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
