/** The one periodic-task helper the sweepers and the seed keeper share: one run at a time, stop waits for it. */
import { PeriodicTask } from '../../services/ops/periodic';

test('a run asked for while one is running joins it, and stop waits for it to finish', async () => {
  let calls = 0;
  let release!: () => void;
  const task = new PeriodicTask(async () => {
    calls++;
    await new Promise<void>((r) => (release = r));
    return calls;
  });
  const a = task.run();
  const b = task.run();
  expect(a).toBe(b);
  let stopped = false;
  const stopping = task.stop().then(() => (stopped = true));
  await Promise.resolve();
  expect(stopped).toBe(false);
  release();
  expect(await a).toBe(1);
  await stopping;
  expect(stopped).toBe(true);
  // After it finished, the next run is a new one.
  const c = task.run();
  release();
  expect(await c).toBe(2);
});

test('started with "immediately" it runs at once, and a failing run does not stop the next', async () => {
  let calls = 0;
  const task = new PeriodicTask(async () => {
    calls++;
    if (calls === 1) throw new Error('passing failure');
    return calls;
  });
  task.start(60_000, { immediately: true });
  await new Promise((r) => setImmediate(r));
  expect(calls).toBe(1);
  expect(await task.run()).toBe(2);
  await task.stop();
});
