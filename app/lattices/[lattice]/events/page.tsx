import type { Metadata } from "next";
import { EventsView } from "./events-view";

export async function generateMetadata({
  params,
}: PageProps<"/lattices/[lattice]/events">): Promise<Metadata> {
  const { lattice } = await params;
  return { title: `Events · ${lattice}` };
}

export default async function EventsPage({ params }: PageProps<"/lattices/[lattice]/events">) {
  const { lattice } = await params;
  return <EventsView lattice={lattice} />;
}
