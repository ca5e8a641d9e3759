import type { Page } from "@playwright/test";
import { expect, expectSameDocument, markDocument, test } from "./fixtures";

function workloadRow(page: Page, id: string) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: id }) });
}

function rolloutState(page: Page) {
  return page.getByRole("status", { name: "Rollout state" });
}

async function confirm(page: Page) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
}

test("an operator plans a canary, approves it after the canary and watches it finish live", async ({
  page,
  lattice,
}) => {
  const grid = page.getByRole("table", { name: "Host × version grid" });
  await test.step("plan a canary from the component's row", async () => {
    await page.goto(`/lattices/${lattice.name}/components`);
    await workloadRow(page, "http-api").getByRole("button", { name: "New rollout" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New rollout of http-api");
    await page.getByLabel("Image").fill("ghcr.io/acme/http-api:1.5.0");
    await page.getByLabel("Strategy").selectOption({ label: "Canary" });
    await page.getByLabel("Canary hosts").fill("1");
    await page.getByLabel("Max unavailable").fill("5");
    await page.getByLabel("Approval").selectOption({ label: "After canary" });
    await page.getByLabel("Reason").fill("ship 1.5.0");
    await page.getByRole("button", { name: "Preview plan" }).click();
  });

  await test.step("read the grouped diff, the waves and the blast radius", async () => {
    const groups = page.getByRole("list", { name: "Host changes, grouped" }).getByRole("listitem");
    // Every host starts from one of two versions: two lines, not one per host.
    await expect(groups.filter({ hasText: /component http-api/ })).toHaveCount(2);
    await expect(page.getByText(/\d+ hosts? in 2 waves/)).toBeVisible();
    const waves = page.getByRole("list", { name: "Waves in order" }).getByRole("listitem");
    await expect(waves).toHaveCount(2);
    await expect(waves.first()).toContainText("Wave 1");
    await expect(page.getByRole("list", { name: "Blast radius" })).toContainText("kv-redis");
  });

  await test.step("start it and see it stop for approval after the canary", async () => {
    await page.getByRole("button", { name: "Start rollout" }).click();
    await expect(page.getByRole("dialog")).toContainText("in 2 waves");
    await confirm(page);
    await expect(page).toHaveURL(/\/rollouts\/[0-9A-Z]+$/);
    await expect(rolloutState(page)).toHaveText("Awaiting approval");
    await expect(grid.getByRole("row").filter({ hasText: "After" })).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
  });

  await test.step("approve and watch it finish in the grid without reloading", async () => {
    await markDocument(page);
    await page.getByRole("button", { name: "Approve" }).click();
    await confirm(page);
    await expect(rolloutState(page)).toHaveText("Succeeded");
    await expect(grid.getByRole("row").filter({ hasText: "Before" })).toHaveCount(0);
    await expect(grid.getByRole("row").filter({ hasText: "1.5.0" })).toHaveCount(
      await grid
        .getByRole("row")
        .count()
        .then((n) => n - 1),
    );
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expectSameDocument(page);
  });

  await test.step("the rollout is in the list and the revision history", async () => {
    await page
      .getByRole("navigation", { name: "Lattice" })
      .getByRole("link", { name: "Rollouts" })
      .click();
    await expect(page.getByRole("table", { name: "Rollouts, newest first" })).toContainText(
      "http-api → 1.5.0",
    );
    await page.goto(`/lattices/${lattice.name}/revisions/component/http-api`);
    await expect(page.getByRole("button", { name: "Roll back to this revision" })).toHaveCount(1);
  });
});

test("a failing image rolls back automatically and the page says why", async ({
  page,
  lattice,
}) => {
  const broken = "ghcr.io/acme/counter:0.9.0-broken";
  await lattice.control({ op: "fail-image", imageRef: broken, error: "manifest unknown" });
  await page.goto(`/lattices/${lattice.name}/rollouts`);
  await page.getByRole("button", { name: "New rollout" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New rollout");
  await page.getByLabel("Target", { exact: true }).selectOption({ label: "component counter" });
  await page.getByLabel("Image").fill(broken);
  await page.getByLabel("Progress deadline (seconds)").fill("3");
  await page.getByLabel("On failure").selectOption({ label: "Roll back" });
  await page.getByRole("button", { name: "Preview plan" }).click();
  await page.getByRole("button", { name: "Start rollout" }).click();
  await confirm(page);
  await expect(rolloutState(page)).toHaveText("Rolled back", { timeout: 30_000 });
  // Why: the log keeps the failed step's error and the rollback that followed it.
  const log = page.getByRole("list", { name: "Rollout log, newest first" });
  await expect(log.getByRole("listitem").filter({ hasText: /error/ }).first()).toBeVisible();
  await expect(log).toContainText(/rolling-back|rolled back|rolled-back/i);
  await expect(page.getByRole("table", { name: "Host × version grid" })).not.toContainText(
    "0.9.0-broken",
  );
  await lattice.control({ op: "reset-faults" });
});

test("a field error of the plan request shows next to its field", async ({ page, lattice }) => {
  await page.goto(`/lattices/${lattice.name}/rollouts/new?kind=component&id=greeter`);
  await page.getByLabel("Image").fill("ghcr.io/acme/greeter:2.2.0");
  await page.getByLabel("Max unavailable").fill("0");
  await page.getByRole("button", { name: "Preview plan" }).click();
  await expect(page.getByLabel("Max unavailable")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Start rollout" })).toHaveCount(0);
});
