import type { Metadata } from "next";
import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <>
      <AppHeader />
      <main id="main" className="mx-auto max-w-screen-2xl px-4 py-5">
        <PageHeader title="Page not found" description="There is nothing at this address." />
        <Link href="/" className="text-accent text-sm hover:underline">
          Go to the start page
        </Link>
      </main>
    </>
  );
}
