import { expect, test } from "./fixtures";

test("the topology draws workloads with their version skew and links as edges", async ({
  page,
  lattice,
}) => {
  await page.goto(`/lattices/${lattice.name}`);
  await page
    .getByRole("navigation", { name: "Lattice" })
    .getByRole("link", { name: "Topology" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Topology");
  const graph = page.getByRole("figure", { name: "Topology graph" });
  await expect(graph.getByRole("group", { name: /^provider kv-redis: / })).toBeVisible();
  await expect(graph.getByText("wasi:keyvalue/{store,atomics}").first()).toBeVisible();
  const table = page.getByRole("table", { name: "Workloads and their links" });
  const httpServer = table
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: /http-server/ }) });
  await expect(httpServer).toContainText("greeter wasi:http/incoming-handler (greeter)");
  await expect(table.getByRole("row")).toHaveCount(7);
});

test("a host's page lists the links of its workloads both ways and the named configs", async ({
  page,
  lattice,
}) => {
  const host = lattice.hosts[0];
  await page.goto(`/lattices/${lattice.name}/hosts/${host.id}`);
  const links = page.getByRole("table", { name: "Links of this host's components and providers" });
  const toKv = links
    .getByRole("row")
    .filter({ hasText: "http-api" })
    .filter({ hasText: "kv-redis" });
  await expect(toKv).toContainText("target: kv-redis-url");
  await expect(links.getByRole("rowheader", { name: /both|in|out/ }).first()).toBeVisible();
  const configs = page.getByRole("table", { name: "Named configs" });
  await expect(
    configs.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "kv-redis-url" }) }),
  ).toContainText("redis://redis.acme.internal:6379");
});
