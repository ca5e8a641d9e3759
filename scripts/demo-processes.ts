import { spawn, type ChildProcess } from "node:child_process";

/** A child process of the demo whose output is prefixed and which can be stopped cleanly. */
export interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** The last lines the process printed (kept for quiet processes, to explain a failure). */
  tail: () => string;
}

export function run(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { quiet?: boolean; prefixed?: boolean } = {},
): Managed {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk: Buffer) =>
    options.prefixed === false
      ? chunk.toString()
      : chunk
          .toString()
          .split("\n")
          .filter((line) => line.trim() !== "")
          .map((line) => `[${name}] ${line}\n`)
          .join("");
  let recent: string[] = [];
  const keep = (chunk: Buffer) => {
    recent = [...recent, ...chunk.toString().split("\n")].slice(-40);
  };
  if (options.quiet) {
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
  } else {
    child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { name, child, exited, tail: () => recent.join("\n") };
}

export async function stopAll(processes: Managed[]): Promise<void> {
  // Stop in reverse start order: the console first, nats-server last.
  for (const p of [...processes].reverse()) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) continue;
    p.child.kill("SIGTERM");
    const killed = setTimeout(() => p.child.kill("SIGKILL"), 5_000);
    await p.exited;
    clearTimeout(killed);
  }
}

/** Waits until `probe` resolves true, polling every `intervalMs`, or throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}
