/** Every user-facing string exists in English and in Malay, with the same placeholders. */
import { loadResources, LANGUAGES } from '../../services/i18n';

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = String(v);
  }
  return out;
}

const resources = loadResources();
const namespaces = [...new Set(LANGUAGES.flatMap((l) => Object.keys(resources[l] ?? {})))].sort();

test('both languages have the same namespace files', () => {
  expect(Object.keys(resources.ms!).sort()).toEqual(Object.keys(resources.en!).sort());
});

test.each(namespaces)('namespace "%s" has the same keys in en and ms', (ns) => {
  const en = flatten(resources.en?.[ns] ?? {});
  const ms = flatten(resources.ms?.[ns] ?? {});
  expect(Object.keys(ms).sort()).toEqual(Object.keys(en).sort());
});

test.each(namespaces)(
  'namespace "%s" uses the same {{placeholders}} in en and ms, and no empty strings',
  (ns) => {
    const en = flatten(resources.en?.[ns] ?? {});
    const ms = flatten(resources.ms?.[ns] ?? {});
    // {{text.en}} in English and {{text.ms}} in Malay are the same placeholder (bilingual data picked per language).
    const vars = (s: string) =>
      (s.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? [])
        .map((v) => v.replace(/\s/g, '').replace(/\.(en|ms)\}\}$/, '.<lang>}}'))
        .sort();
    for (const key of Object.keys(en)) {
      expect([key, vars(ms[key] ?? '')]).toEqual([key, vars(en[key]!)]);
      expect([key, (ms[key] ?? '').trim().length > 0]).toEqual([key, true]);
    }
  },
);
