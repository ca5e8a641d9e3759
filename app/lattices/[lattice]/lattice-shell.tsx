"use client";

import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ConnectionIndicator } from "@/components/connection-indicator";
import { LatticeNav } from "@/components/lattice-nav";
import { isNotFound } from "@/lib/api-client";
import { StreamStatusContext } from "@/lib/hooks/stream-status";
import { useHosts } from "@/lib/hooks/use-lattice-data";
import { useLatticeStream } from "@/lib/hooks/use-lattice-stream";

/** Header, navigation and the one live stream every page of a lattice shares. */
export function LatticeShell({ lattice, children }: { lattice: string; children: ReactNode }) {
  // An unknown lattice answers 404 for good: no point in retrying its stream forever.
  const hosts = useHosts(lattice);
  const stream = useLatticeStream(lattice, !isNotFound(hosts.error));
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
