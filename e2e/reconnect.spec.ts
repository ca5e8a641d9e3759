import {
  connectionStatus,
  expect,
  expectSameDocument,
  hostRow,
  markDocument,
  test,
} from "./fixtures";

test("the stream reconnects after an interruption and catches up", async ({ page, lattice }) => {
  const host = lattice.hosts[4];
  await page.goto(`/lattices/${lattice.name}`);
  await expect(connectionStatus(page)).toContainText("Live");
  const row = hostRow(page, host.name);
  await expect(row).toContainText("Healthy");
  await markDocument(page);

  await test.step("the browser goes offline", async () => {
    await page.context().setOffline(true);
    await expect(connectionStatus(page)).toContainText(/Disconnected|Reconnecting/);
  });
  await test.step("a change happens while the browser is away", async () => {
    await lattice.control({
      op: "set-provider-health",
      hostId: host.id,
      providerId: "kv-redis",
      healthy: false,
    });
  });
  await test.step("back online: live again, with the change", async () => {
    await page.context().setOffline(false);
    await expect(connectionStatus(page)).toContainText("Live");
    await expect(row).toContainText("1 unhealthy");
  });
  await expectSameDocument(page);
});
