import { expect, test } from "./fixtures";

test("the event feed is live, newest first, and filters by host and type", async ({
  page,
  lattice,
}) => {
  const host = lattice.hosts[5];
  await page.goto(`/lattices/${lattice.name}/events`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Events");
  await expect(page).toHaveTitle(`Events · ${lattice.name} · Lattice Console`);
  const feed = page.getByRole("list", { name: "Events, newest first" });
  await expect(feed.getByRole("listitem").first()).toBeVisible();

  await test.step("filter by type and host", async () => {
    await page.getByLabel("Event type").selectOption("component_scaled");
    await page.getByLabel("Host").selectOption({ label: host.name });
    await expect(feed.getByRole("listitem").first()).toContainText("component_scaled");
  });
  await test.step("a new scale appears at the top without a reload", async () => {
    await lattice.scale(host.id, "counter", 9, ["counter-config"]);
    await expect(feed.getByRole("listitem").first()).toContainText("max 9");
    await expect(feed.getByRole("listitem").first()).toContainText(host.name);
  });
});
