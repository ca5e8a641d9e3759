import type { Metadata } from "next";
import { ComponentsView } from "./components-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]/components">): Promise<Metadata> {
  const { lattice } = await params;
  return { title: `Components · ${lattice}` };
}

export default async function ComponentsPage({
  params,
}: PageProps<"/lattices/[lattice]/components">) {
  const { lattice } = await params;
  return <ComponentsView lattice={lattice} />;
}
