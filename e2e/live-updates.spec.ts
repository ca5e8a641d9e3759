import { expect, expectSameDocument, hostRow, markDocument, test } from "./fixtures";

test("a real ctl scale request shows on the host page without a reload", async ({
  page,
  lattice,
}) => {
  const host = lattice.hosts[1];
  await page.goto(`/lattices/${lattice.name}/hosts/${host.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(host.name);
  const counter = page
    .getByRole("table", { name: "Components" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: /counter/ }) });
  const maxInstances = counter.getByRole("cell").nth(1);
  await expect(maxInstances).toHaveText("4");
  await markDocument(page);
  await lattice.scale(host.id, "counter", 7, ["counter-config"]);
  await expect(maxInstances).toHaveText("7");
  await expectSameDocument(page);
});

test("a provider turning unhealthy shows on the overview without a reload", async ({
  page,
  lattice,
}) => {
  const host = lattice.hosts[2];
  await page.goto(`/lattices/${lattice.name}`);
  const row = hostRow(page, host.name);
  await expect(row).toContainText("Healthy");
  await markDocument(page);
  await lattice.control({
    op: "set-provider-health",
    hostId: host.id,
    providerId: "http-server",
    healthy: false,
  });
  await expect(row).toContainText("1 unhealthy");
  await expectSameDocument(page);
});

test("a crashed host turns stale within a few heartbeats", async ({ page, lattice }) => {
  const host = lattice.hosts[3];
  await page.goto(`/lattices/${lattice.name}`);
  const row = hostRow(page, host.name);
  await expect(row).toBeVisible();
  await expect(row.getByText("Stale")).toHaveCount(0);
  await markDocument(page);
  await lattice.control({ op: "crash-host", hostId: host.id });
  // 3 heartbeat intervals of 1 s, plus the console's sweep and the stream batch.
  await expect(row.getByText("Stale")).toBeVisible({ timeout: 8_000 });
  await expect(row).toBeVisible();
  await expectSameDocument(page);
});
