/**
 * Runs `fn` over `items` with at most `limit` calls in flight. Stops scheduling new work once `signal` aborts or a
 * call rejects, and rejects with the first rejection after the calls in flight settle (so no request is orphaned).
 */
export async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && !signal?.aborted && next < items.length) {
      const i = next++;
      try {
        await fn(items[i], i);
      } catch (e) {
        failure ??= { error: e };
      }
    }
  };
  const width = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: width }, worker));
  if (failure) throw failure.error;
  if (signal?.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
}
