/**
 * One console process's rollout side, run as its own OS process so tests can kill it:
 * `tsx --conditions=react-server tests/integration/console-process.ts <natsUrl> <lattice> <owner> <leaseMs>`.
 * Prints `ready` once it observes the lattice and takes leases.
 */
import { startConsole } from "./test-console";

const [url, lattice, owner, leaseMs] = process.argv.slice(2);
if (!url || !lattice || !owner || !leaseMs) {
  console.error("usage: console-process.ts <natsUrl> <lattice> <owner> <leaseMs>");
  process.exit(2);
}
const console_ = await startConsole(url, lattice, { owner, leaseMs: Number(leaseMs) });
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void console_.stop().finally(() => process.exit(0));
});
