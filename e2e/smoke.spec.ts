import { expect, test } from "@playwright/test";

test("the console serves its home page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Lattice Console/);
  await expect(page).toHaveTitle(/Lattice Console/);
});
