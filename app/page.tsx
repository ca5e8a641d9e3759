import type { Metadata } from "next";
import { serverEnv } from "@/server/config";
import { HomeView } from "./home-view";
import { LatticeShell } from "./lattices/[lattice]/lattice-shell";
import { OverviewView } from "./lattices/[lattice]/overview-view";

// The configured lattices are read at request time, never baked into the build.
export const dynamic = "force-dynamic";

function onlyLattice(): string | undefined {
  const names = serverEnv().LATTICES;
  return names.length === 1 ? names[0] : undefined;
}

export function generateMetadata(): Metadata {
  const only = onlyLattice();
  return { title: only ? `Overview · ${only}` : "Lattices" };
}

/**
 * The start page: with a single lattice configured its overview is the home page, rendered
 * directly (no extra click, no flash of a list); with several, a list of them.
 */
export default function HomePage() {
  const only = onlyLattice();
  if (only) {
    return (
      <LatticeShell lattice={only}>
        <OverviewView lattice={only} />
      </LatticeShell>
    );
  }
  return <HomeView />;
}
