/**
 * Runs the SSE stream clients in their own process, so reading many streams does not delay
 * the bench's own NATS client, whose timestamps start every latency figure. Arguments: base
 * URL, lattice, probe host id, client count. Prints `ready` once every client has its first
 * snapshot (at 10,000 hosts, reading 100 snapshots of ~27 MB takes this process many seconds,
 * which is not delivery latency); on a `stop` line on stdin prints the result as one JSON line
 * (`bytes` counted from `ready` on) and exits.
 */
import { createInterface } from "node:readline";
import { openStreamClients } from "./sse-clients";

const [base = "", lattice = "", probeHostId = "", count = "1"] = process.argv.slice(2);
const clients = openStreamClients(base, lattice, probeHostId, Number(count));
let bytesAtReady = 0;
const waitForSnapshots = setInterval(() => {
  if (clients.withSnapshot() < Number(count)) return;
  clearInterval(waitForSnapshots);
  bytesAtReady = clients.bytes();
  console.log("ready");
}, 50);
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() !== "stop") return;
  void clients.stop().then(() => {
    const result = {
      seen: clients.seen.map((m) => [...m.entries()]),
      resyncs: clients.resyncs(),
      drops: clients.drops(),
      bytes: clients.bytes() - bytesAtReady,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  });
});
