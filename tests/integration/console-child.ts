import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./console-process.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

/** A console process of its own (see console-process.ts), resolved once it is ready. */
export async function spawnConsole(
  natsUrl: string,
  lattice: string,
  owner: string,
  leaseMs: number,
): Promise<ChildProcess> {
  const child = spawn(
    tsx,
    ["--conditions=react-server", script, natsUrl, lattice, owner, String(leaseMs)],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`console ${owner} not ready:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`console ${owner} exited with ${code}:\n${output}`));
    });
  });
  return child;
}

/** Kills a console process as a crash would (no lease release) and waits for it to go. */
export async function killConsole(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}
