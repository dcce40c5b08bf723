/**
 * The conversation explorer: seeded, shrinking random walks through the real bot and dialogs on MongoDB. Every
 * turn is checked (no failed turn or apology, replies in the current language, a way forward, references only for
 * stored records, state kept across restarts). A failure prints the minimal replay script.
 * FAST_CHECK_RUNS=500 (and FAST_CHECK_SEED=<n>) to go further locally.
 */
import fc from 'fast-check';
import type { Core } from '../../bots/compose/core';
import { createTestBot } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import { seedComplaint } from '../metoo/support';
import { buildLanguageIndex, type LanguageIndex } from './languageCheck';
import { Walker, type Step } from './walker';

const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 120);
const SEED = Number(process.env.FAST_CHECK_SEED ?? Date.now() % 2 ** 31);
const MAX_STEPS = 50;
/** A failure's shrinking stops after this long (the replay script printed is then the shortest found so far). */
const TIME_LIMIT_MS = Number(process.env.FAST_CHECK_TIME_LIMIT_MS ?? 240_000);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ k: fc.constant('button' as const), i: fc.nat(9) }) },
  { weight: 12, arbitrary: fc.record({ k: fc.constant('typed' as const), i: fc.nat(9), v: fc.nat(3) }) },
  { weight: 12, arbitrary: fc.record({ k: fc.constant('free' as const), i: fc.nat(20) }) },
  { weight: 8, arbitrary: fc.record({ k: fc.constant('interrupt' as const), i: fc.nat(7) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('status' as const),
      which: fc.constantFrom('real' as const, 'madeUp' as const, 'typo' as const),
      i: fc.nat(3),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ k: 'location' as const }) },
  { weight: 3, arbitrary: fc.constant({ k: 'photo' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'empty' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'long' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('staff' as const),
      what: fc.constantFrom('status' as const, 'reply' as const),
      i: fc.nat(3),
      s: fc.nat(6),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ k: 'restart' as const }) },
);

let t: TestDb;
let core: Core;
let index: LanguageIndex;

beforeAll(async () => {
  t = await testDb('explorer');
  core = (await createTestBot(t.db)).core;
  index = buildLanguageIndex();
  // Open complaints by someone else where the walkers file (their pin, Jalan Raja Laut): walks meet "me too" too.
  for (const category of ['waste', 'roads', 'drainage', 'streetlights'] as const)
    await seedComplaint(core, {
      text: 'Masalah di sini',
      category,
      at: { lat: 3.1579, lng: 101.7116 },
      place: 'Jalan Raja Laut',
    });
});
afterAll(async () => t.close());

test('random walks through every flow never break a conversation', async () => {
  const states = new Set<string>();
  let steps = 0;
  let runs = 0;
  process.stdout.write(`explorer: seed ${SEED}, ${RUNS} runs (FAST_CHECK_SEED=${SEED} to replay)\n`);
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('en-US' as const, 'ms-MY' as const),
      fc.array(step, { minLength: 1, maxLength: MAX_STEPS, size: 'max' }),
      async (locale, walk) => {
        runs++;
        const w = await Walker.open({ db: t.db, core, index, locale, states });
        try {
          for (const s of walk) await w.take(s);
        } finally {
          steps += w.steps;
        }
      },
    ),
    { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS },
  );
  process.stdout.write(
    `explorer: ${steps} steps in ${runs} walks, ${states.size} distinct dialog states\n` +
      `  ${[...states].sort().join('\n  ')}\n`,
  );
  expect(states.size).toBeGreaterThan(10);
}, 600_000);
