type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `fn` over `items` with at most `concurrency` in flight (worker `w` always gets the same
 * index, so it can own a page), yielding results in input order. Workers stay at most `window`
 * items ahead of the consumer, so memory stays flat however long the list. An error of `fn`
 * is thrown when its turn comes; the other workers stop after their current item.
 */
export async function* orderedPool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, worker: number) => Promise<R>,
  window = concurrency * 4,
): AsyncGenerator<R> {
  const slots = new Map<number, { promise: Promise<Settled<R>>; resolve: (s: Settled<R>) => void }>();
  const slot = (i: number) => {
    let s = slots.get(i);
    if (!s) {
      let resolve!: (v: Settled<R>) => void;
      const promise = new Promise<Settled<R>>((r) => { resolve = r; });
      s = { promise, resolve };
      slots.set(i, s);
    }
    return s;
  };
  let next = 0;
  let consumed = 0;
  let stopped = false;
  let advanced: () => void = () => undefined;
  let progress = new Promise<void>((r) => { advanced = r; });

  const worker = async (w: number) => {
    while (!stopped && next < items.length) {
      if (next >= consumed + window) {
        await progress;
        continue;
      }
      const i = next++;
      const settled = await fn(items[i]!, w).then((value): Settled<R> => ({ ok: true, value }), (error: unknown): Settled<R> => ({ ok: false, error }));
      slot(i).resolve(settled);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, (_, w) => worker(w));
  try {
    for (let i = 0; i < items.length; i++) {
      const settled = await slot(i).promise;
      slots.delete(i);
      consumed = i + 1;
      advanced();
      progress = new Promise<void>((r) => { advanced = r; });
      if (!settled.ok) throw settled.error;
      yield settled.value;
    }
  } finally {
    stopped = true;
    advanced();
    await Promise.allSettled(workers);
  }
}
