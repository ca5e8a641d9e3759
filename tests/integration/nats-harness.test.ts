import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@nats-io/transport-node";
import { Kvm } from "@nats-io/kv";
import { NatsServer } from "../helpers/nats-server";

describe("test nats-server harness", () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it("serves JetStream KV that survives a restart", async () => {
    const nc = await connect({
      servers: server.url,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
    });
    const kv = await new Kvm(nc).create("harness");
    await kv.put("k", "v1");
    const reconnected = (async () => {
      for await (const status of nc.status()) if (status.type === "reconnect") return;
    })();
    await server.restart();
    await reconnected;
    const entry = await kv.get("k");
    expect(entry?.string()).toBe("v1");
    await nc.close();
  });
});
