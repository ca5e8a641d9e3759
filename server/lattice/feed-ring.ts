import "server-only";
import type { FeedEvent } from "@/lib/schemas/stream";

/** The most recent feed events, oldest first; fixed capacity, O(1) push. */
export class FeedRing {
  private readonly items: (FeedEvent | undefined)[];
  private next = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<FeedEvent | undefined>(capacity);
  }

  push(event: FeedEvent): void {
    this.items[this.next] = event;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  list(): FeedEvent[] {
    const out: FeedEvent[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i += 1) {
      const item = this.items[(start + i) % this.capacity];
      if (item) out.push(item);
    }
    return out;
  }
}
