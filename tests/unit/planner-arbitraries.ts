import fc from "fast-check";
import type { Host } from "@/lib/schemas/host";
import type { RolloutSpecInput } from "@/lib/schemas/rollout";
import { component, host, provider } from "./planner-fixtures";

export const REFS = [
  "ghcr.io/acme/hello:0.1.0",
  "ghcr.io/acme/hello:0.2.0",
  "ghcr.io/acme/hello:0.3.0",
];
export const PROVIDER_REFS = ["ghcr.io/acme/kv:1", "ghcr.io/acme/kv:2"];

const annotations = fc.constantFrom<Record<string, string>>({}, { team: "web" }, { team: "api" });
const label = fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined });

/** A host `N<i>`: maybe running hello and the kv provider, with zone/rack labels. */
const hostAt = (i: number): fc.Arbitrary<Host> =>
  fc
    .record({
      friendlyName: fc.constantFrom("alpha", "beta", "gamma", `h${i}`),
      zone: label,
      rack: label,
      stale: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, fc.constant(true)),
      hello: fc.option(
        fc.record({
          ref: fc.constantFrom(...REFS),
          max: fc.integer({ min: 1, max: 3 }),
          annotations,
        }),
        { nil: undefined, freq: 4 },
      ),
      kv: fc.option(fc.constantFrom(...PROVIDER_REFS), { nil: undefined }),
    })
    .map((h) =>
      host(`N${i}`, {
        friendlyName: h.friendlyName,
        labels: {
          ...(h.zone === undefined ? {} : { zone: h.zone }),
          ...(h.rack === undefined ? {} : { rack: h.rack }),
        },
        stale: h.stale,
        components: h.hello
          ? [
              component("hello", h.hello.ref, {
                maxInstances: h.hello.max,
                annotations: h.hello.annotations,
              }),
            ]
          : [],
        providers: h.kv ? [provider("kv", h.kv)] : [],
      }),
    );

export const hosts: fc.Arbitrary<Host[]> = fc
  .integer({ min: 0, max: 14 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => hostAt(i + 1))));

export const strategy = fc.oneof(
  fc.record({
    type: fc.constantFrom("rolling", "canary", "all-at-once"),
    maxUnavailable: fc.integer({ min: 1, max: 4 }),
    canaryHosts: fc.integer({ min: 1, max: 5 }),
    order: fc.constantFrom<string[] | undefined>(undefined, ["zone"], ["zone", "rack"]),
  }),
);

/** A component change of hello, maybe with a count, a staged config and annotations. */
export const helloChange = fc.record({
  imageRef: fc.constantFrom(...REFS),
  maxInstances: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  config: fc.option(fc.constant<string[]>(["hello-v2"]), { nil: undefined }),
  annotations: fc.option(annotations, { nil: undefined }),
});

export const specWith = (
  change: fc.Arbitrary<RolloutSpecInput["changes"][number]>,
): fc.Arbitrary<RolloutSpecInput> =>
  fc.record({ change, strategy }).map(({ change: c, strategy: s }) => ({
    changes: [c],
    strategy: s,
  }));
