/**
 * A bench helper process that talks in lines (the event load, the stream clients): a script
 * run under tsx, killed if the bench dies, written to on stdin and read a line at a time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { killOnExit } from "./lattice";

export interface LineChild {
  child: ChildProcess;
  send(line: string): void;
  /** The next line it prints; throws when it exits first. */
  next(): Promise<string>;
}

export function spawnLineChild(script: string, args: string[], what: string): LineChild {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", script, ...args],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  killOnExit(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    send: (line) => child.stdin.write(`${line}\n`),
    async next() {
      const { value, done } = await lines.next();
      if (done) throw new Error(`${what} exited early`);
      return String(value);
    },
  };
}
