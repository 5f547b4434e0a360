// Waits for something the workflow does after answering (a notice's delivery to the outbox): reads
// until the condition holds, a bounded number of times, and fails naming what it last read.
export async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, attempts = 200): Promise<T> {
  let last: T | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    last = await read();
    if (holds(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition never held; last read: ${JSON.stringify(last)}`);
}
