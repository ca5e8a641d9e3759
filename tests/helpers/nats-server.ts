import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../scripts/ports";

export { freePort };

/**
 * A real nats-server with JetStream on a free port and its own store directory. `restart()`
 * stops and starts it on the same port and store, to test recovery.
 */
export class NatsServer {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    readonly storeDir: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<NatsServer> {
    const server = new NatsServer(await freePort(), mkdtempSync(join(tmpdir(), "nats-test-")));
    await server.launch();
    return server;
  }

  private launch(): Promise<void> {
    const args = ["-js", "-sd", this.storeDir, "-a", "127.0.0.1", "-p", String(this.port)];
    const child = spawn("nats-server", args, { stdio: ["ignore", "ignore", "pipe"] });
    this.child = child;
    return new Promise((resolve, reject) => {
      let log = "";
      const timer = setTimeout(
        () => reject(new Error(`nats-server did not start:\n${log}`)),
        15_000,
      );
      child.stderr?.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes("Server is ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`nats-server exited with ${code}:\n${log}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
