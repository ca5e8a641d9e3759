/**
 * The page figures, with Debian's Chromium (never a downloaded browser): how long a fresh page
 * takes to show the whole lattice, and when each probe stamp becomes visible in an open host
 * page. A MutationObserver in the page timestamps a stamp the moment its cell is in the DOM,
 * on the same wall clock the bench uses for the event's arrival on NATS.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { PROBE_COMPONENT } from "./lattice";

export function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

/** Milliseconds from navigation until the overview lists every host and shows table rows. */
export async function freshPageShowsLattice(
  browser: Browser,
  base: string,
  lattice: string,
  hostCount: number,
): Promise<number> {
  const page = await browser.newPage();
  try {
    const started = performance.now();
    await page.goto(`${base}/lattices/${lattice}`);
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('[role="status"]')].some(
          (el) => el.textContent?.trim() === expected,
        ) && document.querySelectorAll("tbody tr").length > 0,
      `${hostCount} ${hostCount === 1 ? "host" : "hosts"}`,
      { polling: "raf", timeout: 120_000 },
    );
    return performance.now() - started;
  } finally {
    await page.close();
  }
}

/** Opens the probe host's page and starts timestamping every stamp that appears in it. */
export async function watchProbeHost(
  browser: Browser,
  base: string,
  lattice: string,
  hostId: string,
): Promise<{ page: Page; seen: () => Promise<Map<number, number>> }> {
  const page = await browser.newPage();
  await page.goto(`${base}/lattices/${lattice}/hosts/${hostId}`);
  // The component's own row: the page also lists configs such as `counter-config`.
  await page.getByRole("row", { name: new RegExp(`^${PROBE_COMPONENT}\\s`) }).waitFor();
  // A string, not a function: the bench runs under tsx, whose name-keeping helpers do not
  // exist in the page.
  await page.evaluate(`(() => {
    const component = ${JSON.stringify(PROBE_COMPONENT)};
    const seen = {};
    window.__benchSeen = seen;
    new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      for (const row of document.querySelectorAll("tr")) {
        if (!row.textContent || !row.textContent.includes(component)) continue;
        for (const cell of row.cells) {
          const text = (cell.textContent || "").trim();
          if (/^\\d+$/.test(text) && !(text in seen)) seen[text] = at;
        }
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  return {
    page,
    seen: async () => {
      const raw: unknown = await page.evaluate("JSON.stringify(window.__benchSeen || {})");
      const parsed: unknown = JSON.parse(typeof raw === "string" ? raw : "{}");
      const out = new Map<number, number>();
      if (parsed && typeof parsed === "object")
        for (const [k, v] of Object.entries(parsed))
          if (typeof v === "number") out.set(Number(k), v);
      return out;
    },
  };
}
