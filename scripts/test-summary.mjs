// Prints one plain line `N passed, N failed` over every suite. A check step (typecheck, lint,
// format) counts as one test; vitest and Playwright count their own tests from their JSON
// reports, plus one failure when the step failed without a failing test (a crash, a timeout).
import { readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const read = (file) => {
  try {
    return readFileSync(join(dir, file), "utf8");
  } catch {
    return null;
  }
};
const reports = {
  vitest: () => {
    const r = JSON.parse(read("vitest.json") ?? "null");
    return r && { passed: r.numPassedTests, failed: r.numFailedTests };
  },
  e2e: () => {
    const r = JSON.parse(read("e2e.json") ?? "null");
    return r?.stats && { passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky };
  },
};

let passed = 0;
let failed = 0;
for (const line of (read("steps") ?? "").split("\n").filter(Boolean)) {
  const [name, status] = line.split(" ");
  const counts = reports[name]?.();
  if (counts) {
    passed += counts.passed;
    failed += counts.failed + (status === "fail" && counts.failed === 0 ? 1 : 0);
  } else if (status === "pass") passed += 1;
  else failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
