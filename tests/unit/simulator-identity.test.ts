import { fromPublic } from "@nats-io/nkeys";
import { describe, expect, it } from "vitest";
import { parseEvent } from "@/lib/protocol";
import { uptimeHuman } from "@/server/simulator/ctl";
import { EventFactory, rfc3339 } from "@/server/simulator/events";
import { Faults } from "@/server/simulator/faults";
import { hostIdentity } from "@/server/simulator/identity";

describe("simulator identity and envelopes", () => {
  it("derives valid, deterministic nkey server keys and friendly names from the seed", () => {
    const ids = Array.from({ length: 50 }, (_, i) => hostIdentity(1, i));
    for (const { hostId, friendlyName } of ids) {
      expect(hostId).toMatch(/^N[A-Z2-7]{55}$/);
      // fromPublic verifies the CRC16 checksum
      expect(fromPublic(hostId).getPublicKey()).toBe(hostId);
      expect(friendlyName).toMatch(/^[a-z]+-[a-z]+-\d{4}$/);
    }
    expect(new Set(ids.map((i) => i.hostId)).size).toBe(50);
    expect(hostIdentity(1, 3)).toEqual(ids[3]);
    expect(hostIdentity(2, 3).hostId).not.toBe(ids[3].hostId);
  });

  it("builds CloudEvents the console parser accepts, with time-sortable UUID ids", () => {
    const factory = new EventFactory(1);
    const source = hostIdentity(1, 0).hostId;
    const a = factory.build("config_set", source, { config_name: "x" }, 1_700_000_000_000);
    const b = factory.build("config_set", source, { config_name: "x" }, 1_700_000_000_000);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.id < b.id).toBe(true);
    expect(a.time).toBe("2023-11-14T22:13:20.000000Z");
    expect(parseEvent(JSON.stringify(a))).toMatchObject({
      ok: true,
      event: { name: "config_set", source },
    });
    expect(new EventFactory(1).build("config_set", source, {}, 1_700_000_000_000).id).toBe(a.id);
  });

  it("formats uptime like the host", () => {
    expect(uptimeHuman(0)).toBe("0s");
    expect(uptimeHuman(302)).toBe("5m 2s");
    expect(uptimeHuman(86_400 + 3 * 3_600 + 4 * 60 + 5)).toBe("1day 3h 4m 5s");
    expect(uptimeHuman(2 * 86_400)).toBe("2days");
    expect(rfc3339(0)).toBe("1970-01-01T00:00:00.000000Z");
  });

  it("lets a host-specific fault win over the lattice-wide one", () => {
    const faults = new Faults();
    faults.setProviderHealth(undefined, "p", "unhealthy");
    faults.setProviderHealth("H1", "p", "healthy");
    expect(faults.providerHealth("H1", "p")).toBe("healthy");
    expect(faults.providerHealth("H2", "p")).toBe("unhealthy");
    faults.setReplyFault("H1", { mode: "drop" });
    expect(faults.replyFault("H1").mode).toBe("drop");
    expect(faults.replyFault("H2").mode).toBe("none");
    faults.reset();
    expect(faults.providerHealth("H2", "p")).toBe("healthy");
  });
});
