import { expect, hostRow, test } from "./fixtures";

test("a host's page lists its components, providers and wadm-managed workloads", async ({
  page,
  lattice,
}) => {
  const host = lattice.hosts[0];
  const inventory = host.inventory;
  await page.goto(`/lattices/${lattice.name}`);
  await test.step("open the host from the overview", async () => {
    await hostRow(page, host.name).getByRole("link", { name: host.name }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(host.name);
    await expect(page).toHaveURL(new RegExp(`/hosts/${host.id}$`));
    await expect(page).toHaveTitle(
      new RegExp(`^Host ${host.id.slice(0, 6)}.* · ${lattice.name} · Lattice Console$`),
    );
  });
  await test.step("components, with wadm-managed ones marked", async () => {
    const components = page.getByRole("table", { name: "Components" });
    for (const c of inventory.components ?? []) {
      await expect(components.getByRole("rowheader", { name: new RegExp(c.id) })).toBeVisible();
    }
    const worker = components.getByRole("rowheader", { name: /inventory-worker/ });
    await expect(worker).toContainText("managed by wadm");
    await expect(components.getByRole("rowheader", { name: /^counter/ })).not.toContainText(
      "managed by wadm",
    );
  });
  await test.step("providers with their health in words", async () => {
    const providers = page.getByRole("table", { name: "Providers" });
    const http = providers
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: /http-server/ }) });
    await expect(http).toContainText("healthy");
  });
  await test.step("facts: version, labels, state", async () => {
    const facts = page.getByRole("complementary", { name: "Host facts" });
    await expect(facts).toContainText("1.9.2");
    await expect(facts).toContainText(`zone=${inventory.labels?.zone ?? ""}`);
    await expect(facts).toContainText("Reporting");
  });
});

test("an unknown host shows a not-found state", async ({ page, lattice }) => {
  await page.goto(`/lattices/${lattice.name}/hosts/NUNKNOWNHOST`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Host not found");
  await expect(page.getByRole("link", { name: "Back to the overview" })).toBeVisible();
});
