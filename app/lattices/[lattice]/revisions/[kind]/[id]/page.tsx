import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RevisionsView } from "./revisions-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]/revisions/[kind]/[id]">): Promise<Metadata> {
  const { lattice, id } = await params;
  return { title: `Revisions of ${decodeURIComponent(id)} · ${lattice}` };
}

export default async function RevisionsPage({
  params,
}: PageProps<"/lattices/[lattice]/revisions/[kind]/[id]">) {
  const { lattice, kind, id } = await params;
  if (kind !== "component" && kind !== "provider") notFound();
  return <RevisionsView lattice={lattice} kind={kind} id={decodeURIComponent(id)} />;
}
