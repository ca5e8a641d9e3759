"use client";

import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ConnectionIndicator } from "@/components/connection-indicator";
import { LatticeNav } from "@/components/lattice-nav";
import { StreamStatusContext } from "@/lib/hooks/stream-status";
import { useLatticeStream } from "@/lib/hooks/use-lattice-stream";

/** Header, navigation and the one live stream every page of a lattice shares. */
export function LatticeShell({ lattice, children }: { lattice: string; children: ReactNode }) {
  const stream = useLatticeStream(lattice);
  return (
    <StreamStatusContext value={stream}>
      <AppHeader
        lattice={lattice}
        nav={<LatticeNav lattice={lattice} />}
        status={<ConnectionIndicator state={stream} />}
      />
      <main id="main" className="mx-auto max-w-screen-2xl px-4 py-5">
        {children}
      </main>
    </StreamStatusContext>
  );
}
