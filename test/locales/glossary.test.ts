/**
 * The Malay strings follow the glossary in locales/README.md: no rejected form (word-for-word translations and
 * synonyms we settled against), and the same status names for citizens and staff.
 */
import { loadResources } from '../../services/i18n';

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = String(v);
  }
  return out;
}

/** Rejected Malay forms and what to write instead (locales/README.md). */
const REJECTED: [RegExp, string][] = [
  [/(^|[.!?:]\s+)Ia (sedang|akan|telah|ialah)\b/, 'name the thing: "Maklum balas anda sedang …"'],
  [/\bgambar\b/i, 'foto'],
  [/\bubah sesuatu\b/i, 'ubah butiran'],
  [/\bSejarah:/, 'Sejarah status:'],
  [/\bDiakui\b/i, 'Diterima oleh agensi'],
  [/\blaporan\b/i, 'maklum balas'],
  [/\bmaklumbalas\b/i, 'maklum balas'],
  [/\bpujian\b/i, 'penghargaan'],
  [/\brundingan\b/i, 'konsultasi awam'],
  [/\bno\.\s*rujukan\b/i, 'nombor rujukan'],
  [/\bbutiran perhubungan\b/i, 'butiran hubungan'],
  [/\bberbual\b/i, 'bersembang / sembang'],
  [/\bagensi yang sesuai\b/i, 'agensi yang berkenaan'],
  [/(^|[.!?]\s+)Boleh\s/, 'Bolehkah …? (a question starts with the -kah form)'],
];

const ms = loadResources().ms!;
const strings = Object.entries(ms).flatMap(([ns, tree]) =>
  Object.entries(flatten(tree as Record<string, unknown>)).map(([key, text]) => ({
    id: `${ns}:${key}`,
    text,
  })),
);

test('the Malay strings were all read (the glossary check is not vacuous)', () => {
  expect(strings.length).toBeGreaterThan(300);
});

test('no Malay string uses a form the glossary rejects (e.g. "Ia sedang", "gambar", "ubah sesuatu")', () => {
  const found = strings.flatMap(({ id, text }) =>
    REJECTED.filter(([re]) => re.test(text)).map(([re, use]) => `${id}: ${re} in "${text}" → use ${use}`),
  );
  expect(found).toEqual([]);
});

test('staff screens name each status as citizens see it (short form before the brackets allowed)', () => {
  const citizen = flatten(ms.common as Record<string, unknown>);
  for (const ns of ['dashboard', 'teams']) {
    const staff = flatten(ms[ns] as Record<string, unknown>);
    for (const [key, text] of Object.entries(citizen).filter(([k]) => k.startsWith('statuses.'))) {
      const label = staff[key.replace('statuses.', 'status.')];
      expect([ns, key, label && text.startsWith(label)]).toEqual([ns, key, true]);
    }
  }
});
