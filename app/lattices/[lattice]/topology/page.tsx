import type { Metadata } from "next";
import { TopologyView } from "./topology-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]/topology">): Promise<Metadata> {
  const { lattice } = await params;
  return { title: `Topology · ${lattice}` };
}

export default async function TopologyPage({ params }: PageProps<"/lattices/[lattice]/topology">) {
  const { lattice } = await params;
  return <TopologyView lattice={lattice} />;
}
