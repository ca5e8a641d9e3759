import type { APIRequestContext, Page } from "@playwright/test";
import { Host } from "@/lib/schemas/host";
import { Plan, Rollout, type RolloutSpecInput } from "@/lib/schemas/rollout";
import { expect, expectSameDocument, markDocument, test } from "./fixtures";

function rolloutState(page: Page) {
  return page.getByRole("status", { name: "Rollout state" });
}

function gridRows(page: Page) {
  return page
    .getByRole("table", { name: "Host × version grid" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader") });
}

async function confirm(page: Page) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
}

/** Plans and starts a rollout through the HTTP API, as a script would; returns its id. */
async function startRollout(
  request: APIRequestContext,
  lattice: string,
  spec: RolloutSpecInput,
): Promise<string> {
  const planned = await request.post(`/api/lattices/${lattice}/plans`, { data: spec });
  expect(planned.status()).toBe(200);
  const plan = Plan.parse(await planned.json());
  expect(plan.errors).toEqual([]);
  const started = await request.post(`/api/lattices/${lattice}/rollouts`, {
    data: { spec, planHash: plan.hash },
  });
  expect(started.status()).toBe(201);
  return Rollout.parse(await started.json()).id;
}

async function rolloutStateOf(request: APIRequestContext, lattice: string, id: string) {
  const res = await request.get(`/api/lattices/${lattice}/rollouts/${id}`);
  return Rollout.parse(await res.json()).state;
}

const counterTo = (tag: string): RolloutSpecInput => ({
  changes: [{ kind: "component", id: "counter", imageRef: `ghcr.io/acme/counter:${tag}` }],
  strategy: { type: "all-at-once" },
  reason: `counter ${tag}`,
});

test("a drifted plan is replaced by the new one with the differences marked", async ({
  page,
  lattice,
}) => {
  const host = lattice.hosts.find(
    (h, i) => i !== 3 && h.inventory.components?.some((c) => c.id === "greeter"),
  );
  if (!host) throw new Error("no host runs greeter");

  await test.step("preview a rollout of greeter", async () => {
    await page.goto(`/lattices/${lattice.name}/rollouts/new?kind=component&id=greeter`);
    await page.getByLabel("Image").fill("ghcr.io/acme/greeter:2.2.0");
    await page.getByLabel("Strategy").selectOption({ label: "All at once" });
    await page.getByRole("button", { name: "Preview plan" }).click();
    await expect(page.getByRole("list", { name: "Host changes, grouped" })).toContainText(
      host.name,
    );
    await expect(page.getByText("Changed since your review")).toHaveCount(0);
  });

  await test.step("the lattice drifts: a ctl scale stops greeter on one host", async () => {
    await lattice.scale(host.id, "greeter", 0, ["greeter-config"]);
    // The console must have seen it, or its plan would still match the reviewed one.
    await expect
      .poll(async () => {
        const res = await page.request.get(`/api/lattices/${lattice.name}/hosts/${host.id}`);
        return Host.parse(await res.json()).components.some((c) => c.id === "greeter");
      })
      .toBe(false);
  });

  await test.step("start: the new plan replaces the old, its differences marked", async () => {
    await page.getByRole("button", { name: "Start rollout" }).click();
    await confirm(page);
    await expect(
      page.getByRole("alert").filter({ hasText: "The lattice changed since you reviewed" }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/rollouts\/new\?/);
    const groups = page.getByRole("list", { name: "Host changes, grouped" });
    const changed = groups.getByRole("listitem").filter({ hasText: "Changed since your review" });
    await expect(changed).toHaveCount(1);
    await expect(groups).not.toContainText(host.name);
    await expect(page.getByRole("region", { name: /^Waves/ })).toContainText(
      "Changed since your review",
    );
    await expect(page.getByRole("button", { name: "Start rollout" })).toBeEnabled();
  });
});

test("an operator rolls back through the revision history, preview first, to the old version", async ({
  page,
  lattice,
}) => {
  await test.step("counter gets two revisions: 0.9.0, then 0.9.1", async () => {
    for (const tag of ["0.9.0", "0.9.1"]) {
      const id = await startRollout(page.request, lattice.name, counterTo(tag));
      await expect
        .poll(() => rolloutStateOf(page.request, lattice.name, id), { timeout: 30_000 })
        .toBe("succeeded");
    }
  });

  await test.step("pick the 0.9.0 revision and read its preview before anything runs", async () => {
    await page.goto(`/lattices/${lattice.name}/revisions/component/counter`);
    const old = page
      .getByRole("table", { name: "Revision history, newest first" })
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: "counter 0.9.0", exact: true }) })
      .first();
    await old.getByRole("button", { name: "Roll back to this revision" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      /^Roll back counter to revision \d+$/,
    );
    const groups = page.getByRole("list", { name: "Host changes, grouped" });
    await expect(groups).toContainText("0.9.1");
    await expect(groups).toContainText("0.9.0");
    await expect(page).toHaveURL(/\/rollouts\/new\?/);
  });

  await test.step("start it and see every host back on 0.9.0", async () => {
    await page.getByRole("button", { name: "Start rollout" }).click();
    await confirm(page);
    await expect(page).toHaveURL(/\/rollouts\/[0-9A-Z]+$/);
    await expect(rolloutState(page)).toHaveText("Succeeded", { timeout: 30_000 });
    const rows = gridRows(page);
    await expect(rows.filter({ hasText: "0.9.1" })).toHaveCount(0);
    await expect(rows.filter({ hasText: "Before" })).toHaveCount(0);
    const total = await rows.count();
    expect(total).toBeGreaterThan(0);
    await expect(rows.filter({ hasText: /0\.9\.0(?!-)/ })).toHaveCount(total);
  });

  await test.step("the components view shows one version of counter", async () => {
    await page
      .getByRole("navigation", { name: "Lattice" })
      .getByRole("link", { name: "Components" })
      .click();
    const counter = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "counter" }) });
    await expect(counter).toContainText("0.9.0");
    await expect(counter).not.toContainText("0.9.1");
  });
});

test("a second page open on the same rollout shows the same states live", async ({
  page,
  browser,
  baseURL,
  lattice,
}) => {
  const id = await startRollout(page.request, lattice.name, {
    changes: [{ kind: "component", id: "greeter", imageRef: "ghcr.io/acme/greeter:2.3.0" }],
    strategy: { type: "canary", canaryHosts: 1, maxUnavailable: 5, approval: "after-canary" },
    reason: "two operators",
  });
  const url = `/lattices/${lattice.name}/rollouts/${id}`;
  const other = await browser.newContext({ baseURL });
  const second = await other.newPage();

  await test.step("both pages wait for approval after the canary", async () => {
    await page.goto(url);
    await second.goto(url);
    for (const p of [page, second]) {
      await expect(rolloutState(p)).toHaveText("Awaiting approval");
      await expect(gridRows(p).filter({ hasText: "After" })).toHaveCount(1);
    }
    await markDocument(second);
  });

  await test.step("one operator approves; the other page follows without a reload", async () => {
    await page.getByRole("button", { name: "Approve" }).click();
    await confirm(page);
    await expect(rolloutState(second)).toHaveText("Succeeded", { timeout: 30_000 });
    await expect(rolloutState(page)).toHaveText("Succeeded");
    await expect(gridRows(second).filter({ hasText: "Before" })).toHaveCount(0);
    await expect(second.getByRole("button", { name: "Approve" })).toHaveCount(0);
    const counts = (p: Page) => p.getByRole("list", { name: "Hosts per state" }).innerText();
    expect(await counts(second)).toBe(await counts(page));
    await expectSameDocument(second);
  });
  await other.close();
});

test("link edits of the New rollout form: a lattice-wide step, and field errors on their row", async ({
  page,
  lattice,
}) => {
  await page.goto(`/lattices/${lattice.name}/rollouts/new`);
  await page.getByRole("button", { name: "Add link" }).click();
  await page.getByLabel("Link 1 source").fill("greeter");
  await page.getByLabel("Link 1 namespace").fill("wasi");
  await page.getByLabel("Link 1 package").fill("keyvalue");
  await page.getByLabel("Link 1 interfaces").fill("store");
  await page.getByRole("button", { name: "Preview plan" }).click();
  await expect(page.getByLabel("Link 1 target")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Link 1 source")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Start rollout" })).toHaveCount(0);

  await page.getByLabel("Link 1 target").fill("kv-redis");
  await page.getByRole("button", { name: "Preview plan" }).click();
  await expect(page.getByLabel("Link 1 target")).not.toHaveAttribute("aria-invalid", "true");
  const steps = page.getByRole("region", { name: "Lattice-wide steps" });
  await expect(steps).toContainText("link greeter/wasi:keyvalue/default");
  await expect(steps).toContainText("takes effect on every host at once");

  await page.getByRole("button", { name: "Remove link 1" }).click();
  await expect(page.getByLabel("Link 1 source")).toHaveCount(0);
});
