/**
 * `npm run sim -- <op> ['<json fields>']`: sends one fault-injection command to a simulated
 * lattice, e.g. `npm run sim -- crash-host '{"hostId":"N…"}'` or `npm run sim -- list-hosts`.
 * Environment: `NATS_URL` (default nats://127.0.0.1:4222), `LATTICE` (default `default`).
 */
import { connect } from "@nats-io/transport-node";
import { z } from "zod";
import { SimCommand, simControl } from "../server/simulator";

async function main(): Promise<void> {
  const [op, fields = "{}"] = process.argv.slice(2);
  if (!op) {
    console.error(
      "usage: npm run sim -- <op> ['<json fields>']   (ops: see server/simulator/README.md)",
    );
    process.exit(2);
  }
  let extra: unknown;
  try {
    extra = JSON.parse(fields);
  } catch {
    console.error(`sim: the fields argument is not JSON: ${fields}`);
    process.exit(2);
  }
  const command = SimCommand.safeParse({ ...z.record(z.string(), z.unknown()).parse(extra), op });
  if (!command.success) {
    console.error(`sim: ${z.prettifyError(command.error)}`);
    process.exit(2);
  }
  const nc = await connect({ servers: process.env.NATS_URL ?? "nats://127.0.0.1:4222" });
  try {
    const result = await simControl(nc, process.env.LATTICE ?? "default", command.data);
    console.log(JSON.stringify(result ?? { ok: true }, null, 2));
  } finally {
    await nc.close();
  }
}

main().catch((error: unknown) => {
  console.error(`sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
