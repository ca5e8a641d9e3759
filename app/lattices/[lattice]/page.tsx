import type { Metadata } from "next";
import { OverviewView } from "./overview-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]">): Promise<Metadata> {
  const { lattice } = await params;
  return { title: `Overview · ${lattice}` };
}

export default async function LatticeOverviewPage({ params }: PageProps<"/lattices/[lattice]">) {
  const { lattice } = await params;
  return <OverviewView lattice={lattice} />;
}
