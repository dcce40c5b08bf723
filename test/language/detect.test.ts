/** Guessing the language of a first message, without being fooled by reference numbers or codes. */
import { detectLanguage, languageFromLocale } from '../../services/language/detect';

test.each([
  ['Longkang tersumbat depan rumah saya', 'ms'],
  ['jalan berlubang kat taman melawati dah 2 minggu', 'ms'],
  ['There is a pothole on my street', 'en'],
  ['The street lights have been off for a week', 'en'],
])('"%s" reads as %s', (text, lang) => {
  expect(detectLanguage(text)).toBe(lang);
});

test('reference numbers, button codes and digits carry no language', () => {
  for (const text of ['rate:SRA-JFSF-X8WU:1', 'SRA-X2X2-X3X4', 'x8wu 52100', '👍']) {
    expect(detectLanguage(text)).toBeNull();
  }
});

test('channel locales map to our two languages', () => {
  expect(languageFromLocale('ms-MY')).toBe('ms');
  expect(languageFromLocale('en-US')).toBe('en');
  expect(languageFromLocale('id')).toBeNull();
  expect(languageFromLocale(undefined)).toBeNull();
});
