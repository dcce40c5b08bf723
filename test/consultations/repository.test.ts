/** Consultations and responses on a real MongoDB-protocol server: seeding, open/closed, one response each, erasure. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConsultationClosedError,
  ConsultationDataError,
  ConsultationNotFoundError,
  ConsultationRepository,
  InvalidConsultationResponseError,
  loadConsultations,
  parseConsultations,
  type Answer,
  type Consultation,
  type NewConsultationResponse,
} from '../../services/consultations';
import { loadAgencies } from '../../services/agencies/directory';
import { testDb, type TestDb } from '../support/mongo';

const AT = new Date('2026-11-23T10:00:00+08:00');
const data = loadConsultations();
const agencyIds = new Set(loadAgencies().map((a) => a.id));

let t: TestDb;
let repo: ConsultationRepository;

beforeAll(async () => {
  t = await testDb('consultations');
  repo = new ConsultationRepository(t.db);
  await repo.seed(data);
});
afterAll(async () => t.close());

const walkable: Answer[] = [
  { questionId: 'commute', kind: 'choice', value: 'public_transport' },
  { questionId: 'safety', kind: 'scale', value: 2 },
  { questionId: 'first', kind: 'choice', value: 'covered' },
];

function response(
  citizenKey: string,
  answers: Answer[] = walkable,
  extra: Partial<NewConsultationResponse> = {},
) {
  return {
    consultationId: 'dbkl-walkable-kl',
    citizenKey,
    language: 'en' as const,
    answers,
    submittedAt: AT,
    ...extra,
  };
}

describe('the data file', () => {
  test('holds bilingual consultations from known agencies, one open until the end of 2027 and one closed', () => {
    expect(() => loadConsultations(undefined, agencyIds)).not.toThrow();
    expect(data.length).toBeGreaterThanOrEqual(2);
    expect(data.some((c) => c.closesAt.toISOString() === '2027-12-31T15:59:59.000Z')).toBe(true);
    expect(data.some((c) => c.closesAt < AT)).toBe(true);
    const kinds = new Set(data.flatMap((c) => c.questions.map((q) => q.kind)));
    expect([...kinds].sort()).toEqual(['choice', 'scale', 'text']);
  });

  test('rejects a consultation that closes before it opens, with a stable code', () => {
    const raw = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'consultations.json'), 'utf8'));
    raw.consultations[0].closesAt = '2020-01-01T00:00:00+08:00';
    let caught: unknown;
    try {
      parseConsultations(raw);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConsultationDataError);
    expect(caught).toMatchObject({
      code: 'CONSULTATION_DATA_INVALID',
      message: expect.stringMatching(/closesAt/),
    });
  });

  test('rejects a question without its Malay text, and an unknown agency', () => {
    const raw = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'consultations.json'), 'utf8'));
    delete raw.consultations[0].questions[0].text.ms;
    expect(() => parseConsultations(raw)).toThrow(/questions\.0\.text\.ms/);
    const other = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'consultations.json'), 'utf8'));
    other.consultations[0].agencyId = 'nowhere';
    expect(() => parseConsultations(other, agencyIds)).toThrow(/unknown agency "nowhere"/);
  });
});

describe('seeding and reading', () => {
  test('seeding twice keeps one document per consultation', async () => {
    await repo.seed(data);
    await repo.seed(data);
    expect(await t.db.collection('consultations').countDocuments()).toBe(data.length);
  });

  test('lists only consultations open at the given time, soonest-closing first', async () => {
    const open = await repo.listOpen(AT);
    expect(open.map((c) => c.id)).toEqual(['kpkt-waste-separation', 'dbkl-walkable-kl']);
    expect((await repo.listOpen(new Date('2023-03-01T12:00:00+08:00'))).map((c) => c.id)).toEqual([
      'dbkl-ptkl2040',
    ]);
    expect(await repo.listOpen(new Date('2028-01-01T00:00:00+08:00'))).toEqual([]);
  });

  test('gets a consultation with its dates as Dates, and null for an unknown id', async () => {
    const c = (await repo.get('dbkl-ptkl2040')) as Consultation;
    expect(c.closesAt).toBeInstanceOf(Date);
    expect(c.title.ms).toMatch(/Draf Pelan Tempatan/);
    expect(await repo.get('no-such-thing')).toBeNull();
    expect(await repo.get('')).toBeNull();
  });
});

describe('responses', () => {
  test('a first response is stored pseudonymously with a receipt naming the agency', async () => {
    const r = await repo.submit(response('citizen-a'));
    expect(r.replaced).toBe(false);
    expect(r.answered).toBe(3);
    expect(r.receipt).toMatch(/^DBKL-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(await repo.hasResponded('dbkl-walkable-kl', 'citizen-a')).toBe(true);
    expect(await repo.hasResponded('kpkt-waste-separation', 'citizen-a')).toBe(false);
    const doc = await t.db.collection('consultationResponses').findOne({ citizenKey: 'citizen-a' });
    expect(Object.keys(doc ?? {}).sort()).toEqual(
      [
        '_id',
        'answers',
        'citizenKey',
        'consultationId',
        'firstSubmittedAt',
        'language',
        'receipt',
        'revision',
        'submittedAt',
      ].sort(),
    );
  });

  test('a second response by the same citizen replaces the first instead of adding one', async () => {
    await repo.submit(response('citizen-b'));
    const again = await repo.submit(
      response('citizen-b', [
        ...walkable.slice(0, 2),
        { questionId: 'first', kind: 'choice', value: 'lighting' },
      ]),
    );
    expect(again.replaced).toBe(true);
    const docs = await t.db.collection('consultationResponses').find({ citizenKey: 'citizen-b' }).toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]!.revision).toBe(2);
    expect(docs[0]!.answers[2].value).toBe('lighting');
  });

  test('a closed consultation refuses answers', async () => {
    const closed = repo.submit({
      consultationId: 'dbkl-ptkl2040',
      citizenKey: 'citizen-c',
      language: 'ms',
      answers: [
        { questionId: 'priority', kind: 'choice', value: 'flood' },
        { questionId: 'fits_needs', kind: 'scale', value: 3 },
      ],
      submittedAt: AT,
    });
    await expect(closed).rejects.toBeInstanceOf(ConsultationClosedError);
    await expect(closed).rejects.toMatchObject({ code: 'CONSULTATION_CLOSED' });
    expect(await repo.hasResponded('dbkl-ptkl2040', 'citizen-c')).toBe(false);
  });

  test('an answer outside the questions is refused with a stable code and nothing is stored', async () => {
    const bad: Answer[][] = [
      [walkable[0]!, { questionId: 'safety', kind: 'scale', value: 6 }, walkable[2]!],
      [walkable[0]!, walkable[1]!, { questionId: 'first', kind: 'choice', value: 'monorail' }],
      [walkable[0]!, walkable[1]!],
      [...walkable, { questionId: 'extra', kind: 'text', value: 'hello' }],
      [...walkable, { questionId: 'spot', kind: 'text', value: 'x'.repeat(1001) }],
    ];
    for (const answers of bad) {
      await expect(repo.submit(response('citizen-d', answers))).rejects.toMatchObject({
        code: 'CONSULTATION_RESPONSE_INVALID',
      });
    }
    await expect(repo.submit(response('', walkable))).rejects.toBeInstanceOf(
      InvalidConsultationResponseError,
    );
    await expect(
      repo.submit(response('citizen-d', walkable, { consultationId: 'nope' })),
    ).rejects.toBeInstanceOf(ConsultationNotFoundError);
    expect(await repo.hasResponded('dbkl-walkable-kl', 'citizen-d')).toBe(false);
  });

  test('erasing a citizen deletes their responses only', async () => {
    await repo.submit(response('citizen-e'));
    await repo.submit(response('citizen-f'));
    expect(await repo.eraseCitizen('citizen-e')).toBe(1);
    expect(await repo.hasResponded('dbkl-walkable-kl', 'citizen-e')).toBe(false);
    expect(await repo.hasResponded('dbkl-walkable-kl', 'citizen-f')).toBe(true);
  });
});
