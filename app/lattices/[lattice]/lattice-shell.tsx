"use client";

import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ConnectionIndicator } from "@/components/connection-indicator";
import { LatticeNav } from "@/components/lattice-nav";
import { StreamStatusContext } from "@/lib/hooks/stream-status";
import { useLattices } from "@/lib/hooks/use-lattice-data";
import { useLatticeStream } from "@/lib/hooks/use-lattice-stream";
import { useRollouts, useRolloutStream } from "@/lib/hooks/use-rollouts";
import { isActive } from "@/lib/rollout-view";
import { RolloutBanner } from "@/components/rollout-banner";
import { rolloutHref } from "./hrefs";

/**
 * Header, navigation, the banner of running rollouts, and the live streams (lattice state and
 * rollouts) every page of a lattice shares.
 */
export function LatticeShell({ lattice, children }: { lattice: string; children: ReactNode }) {
  // An unknown lattice answers 404 for good: no point in retrying its stream forever. The
  // lattice list is small; the pages' own queries show the 404 once the stream is off.
  const lattices = useLattices();
  const isKnown = lattices.data?.lattices.some((l) => l.name === lattice) ?? true;
  const stream = useLatticeStream(lattice, isKnown);
  useRolloutStream(lattice, isKnown);
  const rollouts = useRollouts(lattice);
  const active = (rollouts.data?.rollouts ?? []).filter((r) => isActive(r.state));
  return (
    <StreamStatusContext value={stream}>
      <AppHeader
        lattice={lattice}
        nav={<LatticeNav lattice={lattice} />}
        status={<ConnectionIndicator state={stream} />}
      />
      <main id="main" className="mx-auto max-w-screen-2xl px-4 py-5">
        <RolloutBanner rollouts={active} rolloutHref={(id) => rolloutHref(lattice, id)} />
        {children}
      </main>
    </StreamStatusContext>
  );
}
