/**
 * Captures the console's main pages in Chromium for the README and for review:
 * `tsx scripts/screenshots.ts [baseUrl] [outDir]` (defaults: http://127.0.0.1:3000, docs/).
 */
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { HostList } from "../lib/schemas/host";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:3000";
const outDir = process.argv[3] ?? "docs";
const lattice = process.env.LATTICE ?? "default";

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const hosts = HostList.parse(
    await (await fetch(`${baseUrl}/api/lattices/${lattice}/hosts`)).json(),
  ).hosts;
  const shots: Array<[string, string]> = [
    ["overview", "/"],
    ["components", `/lattices/${lattice}/components`],
    ["events", `/lattices/${lattice}/events`],
  ];
  if (hosts[0]) shots.push(["host", `/lattices/${lattice}/hosts/${hosts[0].id}`]);
  for (const [name, path] of shots) {
    await page.goto(baseUrl + path);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page
      .getByText(/^Loading/)
      .first()
      .waitFor({ state: "hidden" });
    await page.getByText(/^Live updates:\s*Live$/).waitFor();
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
    console.log(`${name}: ${join(outDir, `${name}.png`)}`);
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
