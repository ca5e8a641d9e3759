/**
 * `npm run bench`: prints the console's figures. BENCH_HOSTS (default 10000) sizes the pure
 * core run; BENCH_LIVE_HOSTS (default 500) the live run against a real nats-server; the page
 * run measures a change until Chromium paints it, against the production build.
 */
import { benchLive } from "./bench/live";
import { benchPage } from "./bench/page";
import { benchReducer } from "./bench/reducer";

const hosts = Number(process.env.BENCH_HOSTS ?? 10_000);
const liveHosts = Number(process.env.BENCH_LIVE_HOSTS ?? 500);

benchReducer(hosts);
benchLive(liveHosts, 20)
  .then(() => benchPage(12, 10))
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
