import { connectionStatus, expect, hostRow, hostTable, test } from "./fixtures";

test("the start page is the overview of the only lattice, listing every host", async ({
  page,
  lattice,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await expect(connectionStatus(page)).toContainText("Live");
  for (const host of lattice.hosts) {
    await expect(hostRow(page, host.name)).toBeVisible();
  }
  await expect(page.getByText(`${lattice.hosts.length} hosts`, { exact: true })).toBeVisible();
});

test("hosts filter by label and by free text", async ({ page, lattice }) => {
  await page.goto(`/lattices/${lattice.name}`);
  await expect(page).toHaveTitle(`Overview · ${lattice.name} · Lattice Console`);
  const zoneA = lattice.hosts.filter((h) => h.inventory.labels?.zone === "a");
  await test.step("label filter zone=a", async () => {
    await page.getByLabel("Label filter").fill("zone=a");
    await expect(hostTable(page).getByRole("rowheader")).toHaveCount(zoneA.length);
  });
  await test.step("free text narrows to one host", async () => {
    await page.getByLabel("Label filter").fill("");
    await page.getByLabel("Search hosts").fill(lattice.hosts[0].name);
    await expect(hostTable(page).getByRole("rowheader")).toHaveCount(1);
    await expect(hostRow(page, lattice.hosts[0].name)).toBeVisible();
  });
  await test.step("no match shows an empty state", async () => {
    await page.getByLabel("Search hosts").fill("no-such-host-anywhere");
    await expect(page.getByText("No host matches the filters")).toBeVisible();
  });
});
