"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { PageHeader } from "@/components/page-header";
import { RevisionHistory } from "@/components/revision-history";
import { EmptyState } from "@/components/state-panel";
import type { WorkloadKind } from "@/lib/api-client";
import { useRevisions } from "@/lib/hooks/use-rollouts";
import { latticeHref, newRolloutHref, rolloutHref } from "../../../hrefs";
import { NewRolloutButton } from "../../../new-rollout-button";
import { QueryGate } from "../../../query-gate";

/** The revisions of one component or provider; rolling back to one previews its plan first. */
export function RevisionsView({
  lattice,
  kind,
  id,
}: {
  lattice: string;
  kind: WorkloadKind;
  id: string;
}) {
  const router = useRouter();
  const revisions = useRevisions(lattice, kind, id);
  const href = useCallback((rolloutId: string) => rolloutHref(lattice, rolloutId), [lattice]);
  return (
    <>
      <PageHeader
        kicker={
          <Link href={`${latticeHref(lattice)}/components`} className="text-accent hover:underline">
            ← Components
          </Link>
        }
        title={`Revision history of ${id}`}
        description={`Every rollout that changed this ${kind}, newest first.`}
        aside={<NewRolloutButton href={newRolloutHref(lattice, { kind, id })} />}
      />
      <QueryGate
        query={revisions}
        what="revisions"
        lattice={lattice}
        loadingLabel="Loading revisions…"
      >
        {(data) =>
          data.revisions.length === 0 ? (
            <EmptyState title={`No revisions of ${id} yet`}>
              A revision is recorded by each rollout of this {kind}.
            </EmptyState>
          ) : (
            <RevisionHistory
              revisions={data.revisions}
              rolloutHref={href}
              onRollBack={(r) =>
                router.push(newRolloutHref(lattice, { kind, id, revision: r.revision }))
              }
            />
          )
        }
      </QueryGate>
    </>
  );
}
