/** Results for staff, aggregated by the database: counts per option, scale distribution and mean, text counts. */
import {
  buildResults,
  ConsultationRepository,
  loadConsultations,
  type Answer,
} from '../../services/consultations';
import { testDb, type TestDb } from '../support/mongo';

const AT = new Date('2026-11-23T10:00:00+08:00');
const data = loadConsultations();

let t: TestDb;
let repo: ConsultationRepository;

beforeAll(async () => {
  t = await testDb('consultation_results');
  repo = new ConsultationRepository(t.db);
  await repo.seed(data);
});
afterAll(async () => t.close());

function kpkt(separate: string, schedule: number, help: string, comments?: string): Answer[] {
  return [
    { questionId: 'separate_now', kind: 'choice', value: separate },
    { questionId: 'schedule', kind: 'scale', value: schedule },
    { questionId: 'help_most', kind: 'choice', value: help },
    ...(comments ? [{ questionId: 'comments', kind: 'text' as const, value: comments }] : []),
  ];
}

test('counts every option (zeros included), the scale distribution and its mean, and text answers', async () => {
  const submissions: [string, 'en' | 'ms', Answer[]][] = [
    ['k1', 'ms', kpkt('always', 5, 'bins', 'Tong kitar semula di taman kami selalu penuh')],
    ['k2', 'ms', kpkt('sometimes', 2, 'bins')],
    ['k3', 'en', kpkt('sometimes', 4, 'guidance', 'Please publish the schedule online')],
    ['k4', 'en', kpkt('never', 1, 'incentives')],
  ];
  for (const [citizenKey, language, answers] of submissions) {
    await repo.submit({
      consultationId: 'kpkt-waste-separation',
      citizenKey,
      language,
      answers,
      submittedAt: AT,
    });
  }
  // k2 changes their mind: only the replacement counts.
  await repo.submit({
    consultationId: 'kpkt-waste-separation',
    citizenKey: 'k2',
    language: 'ms',
    answers: kpkt('always', 3, 'separate_days'),
    submittedAt: AT,
  });

  const r = await repo.results('kpkt-waste-separation');
  expect(r).toEqual({
    consultationId: 'kpkt-waste-separation',
    responses: 4,
    byLanguage: { en: 2, ms: 2 },
    questions: [
      {
        questionId: 'separate_now',
        kind: 'choice',
        answered: 4,
        counts: { always: 2, sometimes: 1, never: 1 },
      },
      {
        questionId: 'schedule',
        kind: 'scale',
        answered: 4,
        counts: { '1': 1, '2': 0, '3': 1, '4': 1, '5': 1 },
        mean: 3.25,
      },
      {
        questionId: 'help_most',
        kind: 'choice',
        answered: 4,
        counts: { bins: 1, guidance: 1, separate_days: 1, incentives: 1 },
      },
      { questionId: 'comments', kind: 'text', answered: 2 },
    ],
  });
});

test('a consultation nobody answered has zero counts and no mean; an unknown one has no results', async () => {
  const r = await repo.results('dbkl-ptkl2040');
  expect(r?.responses).toBe(0);
  expect(r?.questions[0]).toEqual({
    questionId: 'priority',
    kind: 'choice',
    answered: 0,
    counts: { housing: 0, transport: 0, green: 0, flood: 0, heritage: 0 },
  });
  expect(r?.questions[1]).toMatchObject({ kind: 'scale', answered: 0, mean: null });
  expect(await repo.results('no-such-consultation')).toBeNull();
});

test('the mean is rounded to two decimals and ignores values outside the scale', () => {
  const c = data.find((x) => x.id === 'dbkl-walkable-kl')!;
  const r = buildResults(c, 3, { en: 3 }, [
    { questionId: 'safety', value: 1, count: 1 },
    { questionId: 'safety', value: 2, count: 2 },
    { questionId: 'safety', value: 9, count: 5 },
    { questionId: 'commute', value: 'rocket', count: 1 },
  ]);
  expect(r.byLanguage).toEqual({ en: 3, ms: 0 });
  expect(r.questions.find((q) => q.questionId === 'safety')).toMatchObject({ answered: 3, mean: 1.67 });
  expect(r.questions.find((q) => q.questionId === 'commute')).toMatchObject({
    answered: 0,
    counts: { public_transport: 0, car: 0, motorcycle: 0, walk_cycle: 0, ehailing: 0 },
  });
});
