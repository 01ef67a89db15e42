/**
 * `items.map(fn)` with at most `limit` calls in flight, results in order.
 * Local file-system calls each go through libuv's thread pool; one at a time
 * a folder of thousands of files waits on every call in turn, all at once it
 * exhausts file handles. A few dozen in flight hides the latency of both.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
