import { DEMO_BROKEN_REF, DEMO_COMPONENTS, DEMO_UPGRADES } from "../server/simulator";

/** Reads one field of a JSON answer on stdin: plain node, so the demo needs no jq. */
const field = (name: string) =>
  `node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).${name}'`;

/**
 * The curl commands of a sample rollout against the demo's lattice (API.md "Rollouts"): plan,
 * start, approve after the canary, roll back the finished rollout, and an automatic rollback
 * of a build that never starts. Printed by `npm run demo`, copy-paste ready for a POSIX shell.
 */
export function rolloutWalkthrough(consoleUrl: string): string[] {
  const json = "-H 'content-type: application/json'";
  const counterBefore = DEMO_COMPONENTS.find((c) => c.id === "counter")?.ref ?? "the earlier build";
  const spec = JSON.stringify({
    changes: [{ kind: "component", id: "counter", imageRef: DEMO_UPGRADES.counter }],
    strategy: { type: "canary", canaryHosts: 1, maxUnavailable: 4, approval: "after-canary" },
    gates: { progressDeadlineSeconds: 60, bakeSeconds: 5 },
    reason: "counter 0.9.0",
  });
  const broken = JSON.stringify({
    changes: [{ kind: "component", id: "http-api", imageRef: DEMO_BROKEN_REF }],
    strategy: { type: "rolling", maxUnavailable: 3 },
    gates: { progressDeadlineSeconds: 10 },
    reason: "try the broken build",
  });
  return [
    "Try a rollout with curl:",
    `  C=${consoleUrl}/api/lattices/default`,
    `  SPEC='${spec}'`,
    `  curl -s -X POST $C/plans ${json} -d "$SPEC"            # preview: per-host diff, waves, blast radius`,
    `  HASH=$(curl -s -X POST $C/plans ${json} -d "$SPEC" | ${field("hash")})`,
    `  ID=$(curl -s -X POST $C/rollouts ${json} -H 'x-console-user: you' -d "{\\"spec\\":$SPEC,\\"planHash\\":\\"$HASH\\"}" | ${field("id")})`,
    `  curl -s $C/rollouts/$ID | ${field("state")}            # awaiting-approval after the canary`,
    `  curl -s -X POST $C/rollouts/$ID/approve ${json} -d "{\\"planHash\\":\\"$HASH\\"}"`,
    `  curl -s $C/rollouts/$ID/log                             # what it sent and what it saw`,
    `  curl -s -X POST $C/rollouts/$ID/rollback                # once succeeded: a new rollout back to ${counterBefore}`,
    `  curl -s "$C/revisions?kind=component&id=counter"`,
    "An automatic rollback (the build never starts):",
    `  BAD='${broken}'`,
    `  H=$(curl -s -X POST $C/plans ${json} -d "$BAD" | ${field("hash")})`,
    `  curl -s -X POST $C/rollouts ${json} -d "{\\"spec\\":$BAD,\\"planHash\\":\\"$H\\"}"`,
  ];
}
