import type { Metadata } from "next";
import { RolloutView } from "./rollout-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]/rollouts/[id]">): Promise<Metadata> {
  const { lattice, id } = await params;
  return { title: `Rollout ${decodeURIComponent(id).slice(-8)} · ${lattice}` };
}

export default async function RolloutPage({
  params,
}: PageProps<"/lattices/[lattice]/rollouts/[id]">) {
  const { lattice, id } = await params;
  return <RolloutView lattice={lattice} id={decodeURIComponent(id)} />;
}
