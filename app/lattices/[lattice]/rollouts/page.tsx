import type { Metadata } from "next";
import { RolloutsView } from "./rollouts-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]/rollouts">): Promise<Metadata> {
  const { lattice } = await params;
  return { title: `Rollouts · ${lattice}` };
}

export default async function RolloutsPage({ params }: PageProps<"/lattices/[lattice]/rollouts">) {
  const { lattice } = await params;
  return <RolloutsView lattice={lattice} />;
}
