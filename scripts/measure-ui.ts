/**
 * The two browser figures of the rollout UI, measured in Chromium against a running console
 * (production build, e.g. `DEMO_HOSTS=1000 npm run demo`):
 *
 *  1. grid latency: from a host's change (the `time` its `component_scaled` event carries; the
 *     hosts run on this machine, so one clock) to that host's cell in the rollout page's host × version grid showing the
 *     new version — p50/p95 over every host of a rollout (≥ 20);
 *  2. preview render: from pressing "Preview plan" for a change on every host to the preview
 *     painted (the grouped host list in the DOM, then two animation frames).
 *
 * `npx tsx --conditions=react-server scripts/measure-ui.ts [consoleUrl] [natsUrl]`
 * (defaults http://127.0.0.1:3000, nats://127.0.0.1:4222; LATTICE, default `default`).
 */
import { chromium, type Page } from "@playwright/test";
import { connect } from "@nats-io/transport-node";
import { z } from "zod";
import { eventWildcard } from "../lib/protocol";
import { HostList, type Host } from "../lib/schemas/host";
import { Plan, Rollout, type RolloutSpecInput } from "../lib/schemas/rollout";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:3000";
const natsUrl = process.argv[3] ?? "nats://127.0.0.1:4222";
const lattice = process.env.LATTICE ?? "default";
const GRID_HOSTS = 40;
const SeenAt = z.record(z.string(), z.number());
const PREVIEW_RUNS = 5;
const COMPONENT = "counter";

const api = (path: string) => `${baseUrl}/api/lattices/${lattice}${path}`;

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(api(path), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function hosts(): Promise<Host[]> {
  return HostList.parse(await (await fetch(api("/hosts"))).json()).hosts;
}

async function startRollout(spec: RolloutSpecInput): Promise<string> {
  const planned = await post("/plans", spec);
  if (planned.status !== 200) throw new Error(`plan: ${planned.status} ${await planned.text()}`);
  const plan = Plan.parse(await planned.json());
  if (plan.errors.length > 0) throw new Error(`plan errors: ${plan.errors.join("; ")}`);
  const started = await post("/rollouts", { spec, planHash: plan.hash });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${await started.text()}`);
  return Rollout.parse(await started.json()).id;
}

async function rolloutState(id: string): Promise<Rollout["state"]> {
  return Rollout.parse(await (await fetch(api(`/rollouts/${id}`))).json()).state;
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/*
 * In-page scripts are strings: tsx keeps function names with a helper that does not exist in
 * the page, so functions passed to `page.evaluate` would not run there.
 */

/** Records, per grid row, the first moment its "Running now" cell shows `tag`. */
const watchGridScript = (tag: string) => `(() => {
  const tag = ${JSON.stringify(tag)};
  const seen = {};
  const scan = () => {
    const now = Date.now();
    for (const row of document.querySelectorAll("table tr")) {
      const name = row.querySelector("th[scope=row]")?.textContent?.trim();
      const running = row.querySelectorAll("td")[1]?.textContent ?? "";
      if (name && !(name in seen) && running.includes(tag)) seen[name] = now;
    }
    document.documentElement.dataset.gridSeen = JSON.stringify(seen);
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * Resolves after the next click with the time to the preview painted: the grouped host list in
 * the DOM, then two frames (the one that lays it out and the one after its paint), and the
 * duration of the plan request among that.
 */
const PREVIEW_TIMING_SCRIPT = `new Promise((resolve) => {
  document.addEventListener("click", () => {
    const start = performance.now();
    const check = () => {
      if (!document.querySelector('[aria-label="Host changes, grouped"]')) return requestAnimationFrame(check);
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const plans = performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/plans"));
        const last = plans[plans.length - 1];
        resolve({ total: performance.now() - start, request: last ? last.duration : -1 });
      }));
    };
    requestAnimationFrame(check);
  }, { capture: true, once: true });
})`;
const PreviewTiming = z.object({ total: z.number(), request: z.number() });

const tagOf = (ref: string) => ref.slice(ref.lastIndexOf(":") + 1);

/** Figure 1: host change → grid cell, for every host of a canary rollout after its approval. */
async function measureGrid(page: Page): Promise<number[]> {
  const all = (await hosts()).filter(
    (h) => !h.stale && h.components.some((c) => c.id === COMPONENT),
  );
  const chosen = all.slice(0, GRID_HOSTS);
  if (chosen.length < 21) throw new Error(`need ≥ 21 hosts running ${COMPONENT}`);
  const ref = `ghcr.io/acme/${COMPONENT}:0.9.${Date.now() % 100_000}`;
  const names = new Map(chosen.map((h) => [h.id, h.friendlyName]));
  const id = await startRollout({
    changes: [{ kind: "component", id: COMPONENT, imageRef: ref }],
    selector: { hosts: chosen.map((h) => h.id) },
    strategy: { type: "canary", canaryHosts: 1, maxUnavailable: 3, approval: "after-canary" },
    reason: "measure-ui: grid latency",
  });
  await until(
    "the canary",
    () => rolloutState(id),
    (s) => s === "awaiting-approval",
    60_000,
  );

  await page.goto(`${baseUrl}/lattices/${lattice}/rollouts/${id}`);
  await page
    .getByRole("status", { name: "Rollout state" })
    .getByText("Awaiting approval")
    .waitFor();
  await page.getByText(/^Live updates:\s*Live$/).waitFor();
  // Record, per host row, the first moment its "Running now" cell shows the new tag.
  await page.evaluate(watchGridScript(tagOf(ref)));

  const nc = await connect({ servers: natsUrl, name: "measure-ui" });
  const changedAt = new Map<string, number>();
  const sub = nc.subscribe(eventWildcard(lattice));
  void (async () => {
    for await (const m of sub) {
      const received = Date.now();
      const event: unknown = m.json();
      if (typeof event !== "object" || event === null || !("data" in event)) continue;
      // The host's own stamp of the change (CloudEvents `time`); the receipt time otherwise.
      const stamped =
        "time" in event && typeof event.time === "string" ? Date.parse(event.time) : NaN;
      const at = Number.isFinite(stamped) ? stamped : received;
      const data = event.data;
      if (typeof data !== "object" || data === null) continue;
      const host = "host_id" in data && typeof data.host_id === "string" ? data.host_id : "";
      const image = "image_ref" in data ? data.image_ref : undefined;
      if (image === ref && names.has(host) && !changedAt.has(host)) changedAt.set(host, at);
    }
  })();
  await nc.flush();
  const approved = await post(`/rollouts/${id}/approve`, {});
  if (approved.status !== 200) throw new Error(`approve: ${approved.status}`);
  await until(
    "the rollout",
    () => rolloutState(id),
    (s) => s === "succeeded",
    180_000,
  );
  const expected = chosen.length - 1; // the canary changed before the page was open
  const readSeen = async () =>
    SeenAt.parse(
      JSON.parse((await page.evaluate(() => document.documentElement.dataset.gridSeen)) ?? "{}"),
    );
  const seen = await until(
    "every grid cell",
    readSeen,
    (s) => Object.keys(s).length >= chosen.length,
    30_000,
  ).catch(readSeen);
  sub.unsubscribe();
  await nc.close();

  const latencies: number[] = [];
  for (const [hostId, at] of changedAt) {
    const name = names.get(hostId);
    const shown = name === undefined ? undefined : seen[name];
    if (typeof shown === "number") latencies.push(shown - at);
  }
  if (latencies.length < Math.min(20, expected))
    throw new Error(`only ${latencies.length} of ${expected} host changes were matched`);
  return latencies.sort((a, b) => a - b);
}

/** Figure 2: "Preview plan" → preview painted, for a change on every host running the target. */
async function measurePreview(page: Page): Promise<{ total: number[]; request: number[] }> {
  const total: number[] = [];
  const request: number[] = [];
  for (let run = 0; run < PREVIEW_RUNS; run += 1) {
    await page.goto(`${baseUrl}/lattices/${lattice}/rollouts/new?kind=component&id=${COMPONENT}`);
    await page.getByLabel("Image").fill(`ghcr.io/acme/${COMPONENT}:9.9.${run}`);
    const button = page.getByRole("button", { name: "Preview plan" });
    await button.waitFor();
    const timing = page.evaluate(PREVIEW_TIMING_SCRIPT).then((text) => PreviewTiming.parse(text));
    await button.click();
    const t = await timing;
    total.push(t.total);
    request.push(t.request);
  }
  return { total, request };
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const hostCount = (await hosts()).length;
    const grid = await measureGrid(page);
    const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(
      `grid: host change → grid cell over ${grid.length} host changes: p50 ${fmt(percentile(grid, 50))}, p95 ${fmt(percentile(grid, 95))} (min ${fmt(grid[0] ?? NaN)}, max ${fmt(grid[grid.length - 1] ?? NaN)}); lattice of ${hostCount} hosts`,
    );
    const preview = await measurePreview(page);
    const sorted = [...preview.total].sort((a, b) => a - b);
    const running = (await hosts()).filter((h) =>
      h.components.some((c) => c.id === COMPONENT),
    ).length;
    console.log(
      `preview: "Preview plan" → painted, plan over ${running} hosts, ${PREVIEW_RUNS} runs: median ${fmt(percentile(sorted, 50))}, max ${fmt(sorted[sorted.length - 1] ?? NaN)} (runs ${preview.total.map(fmt).join(", ")}; of which the POST …/plans request ${preview.request.map(fmt).join(", ")})`,
    );
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
