/**
 * The background event load in its own process (see `spawnEventLoad`). Arguments: NATS URL,
 * lattice, events per host per second. Reads the host ids as one JSON line on stdin, prints
 * `ready` once publishing, and on a `stop` line prints how many events it published and exits.
 */
import { connect } from "@nats-io/transport-node";
import { createInterface } from "node:readline";
import { z } from "zod";
import { startEventLoad } from "./load";

const [natsUrl = "", lattice = "", perHost = "1"] = process.argv.slice(2);
const nc = await connect({ servers: natsUrl });
let load: { stop: () => number } | null = null;
createInterface({ input: process.stdin }).on("line", (line) => {
  if (load === null) {
    const hostIds = z.array(z.string()).parse(JSON.parse(line));
    load = startEventLoad(nc, lattice, hostIds, Number(perHost));
    console.log("ready");
    return;
  }
  if (line.trim() !== "stop") return;
  const published = load.stop();
  void nc.flush().then(() => {
    process.stdout.write(`${JSON.stringify({ published })}\n`, () => process.exit(0));
  });
});
