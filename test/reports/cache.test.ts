/** The open-data cache: one computation per period, shared; stale figures served while refreshing; failures keep the last. */
import { PeriodicCache } from '../../services/reports';

test('callers during the first computation share it; a failed refresh keeps the last figures and is reported', async () => {
  const clock = { now: new Date('2026-11-29T00:00:00Z') };
  let n = 0;
  let fail = false;
  const errors: unknown[] = [];
  const cache = new PeriodicCache(
    async () => {
      if (fail) throw new Error('database down');
      return ++n;
    },
    60_000,
    () => clock.now,
    (e) => errors.push(e),
  );
  const first = await Promise.all([cache.get(), cache.get(), cache.get()]);
  expect(first.map((c) => c.value)).toEqual([1, 1, 1]);
  expect(cache.computations).toBe(1);

  clock.now = new Date(clock.now.getTime() + 61_000);
  fail = true;
  expect((await cache.get()).value).toBe(1); // stale, answered at once
  await cache.settled();
  expect(errors).toHaveLength(1);
  expect((await cache.get()).value).toBe(1); // still the last good figures (and another refresh tried)
  await cache.settled();
  expect(errors).toHaveLength(2);

  fail = false;
  await cache.get();
  await cache.settled();
  expect((await cache.get()).value).toBe(2);
});
