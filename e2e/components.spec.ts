import { imageVersion } from "@/lib/image-ref";
import { expect, test } from "./fixtures";

test("the components view shows placement and version skew at a glance", async ({
  page,
  lattice,
}) => {
  const versions = new Map<string, number>();
  for (const host of lattice.hosts) {
    const ref = host.inventory.components?.find((c) => c.id === "http-api");
    if (ref)
      versions.set(
        imageVersion(ref.image_ref),
        (versions.get(imageVersion(ref.image_ref)) ?? 0) + 1,
      );
  }
  expect(versions.size).toBe(2); // the demo app runs an older http-api on two hosts

  await page.goto(`/lattices/${lattice.name}/components`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Components and providers");
  await expect(page).toHaveTitle(`Components · ${lattice.name} · Lattice Console`);
  const httpApi = page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: /^http-api/ }) });
  await expect(httpApi).toContainText("2 versions");
  for (const [version, hosts] of versions) {
    const versionList = page.getByRole("list", { name: "Versions of http-api" });
    await expect(versionList.getByRole("listitem").filter({ hasText: version })).toContainText(
      `${hosts} host${hosts === 1 ? "" : "s"}`,
    );
  }
  const counter = page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: /^counter/ }) });
  await expect(counter).not.toContainText("versions");
  await expect(page.getByRole("heading", { name: /Providers/ })).toBeVisible();
});
