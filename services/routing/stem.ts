/**
 * Candidate stems of one word, most literal first: the word itself, English inflections (-s, -es, -ing, -ed),
 * and Malay affix stripping (particles -lah/-kah/-nya, suffixes -kan/-an/-i, prefixes di-, ter-, ber-, ke-, se-,
 * me(N)-, pe(N)-, per-, memper-, diper- with the usual nasal recoding: menyapu → sapu, memukul → pukul,
 * menutup → tutup, mengutip → kutip). The caller keeps the first candidate its dictionary knows.
 */

const VOWEL = /^[aeiou]/;

function add(out: string[], w: string): void {
  if (w.length >= 3 && !out.includes(w)) out.push(w);
}

/** English inflection candidates (no dictionary: over-generation is fine, the lexicon decides). */
export function englishStems(word: string): string[] {
  const out: string[] = [];
  const undouble = (w: string) => (/([bdfglmnprt])\1$/.test(w) ? w.slice(0, -1) : w);
  if (word.endsWith('ies')) add(out, word.slice(0, -3) + 'y');
  if (word.endsWith('es')) add(out, word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) add(out, word.slice(0, -1));
  if (word.endsWith('ing')) {
    const b = word.slice(0, -3);
    add(out, b);
    add(out, undouble(b));
    add(out, b + 'e');
  }
  if (word.endsWith('ed')) {
    const b = word.slice(0, -2);
    add(out, b);
    add(out, undouble(b));
    add(out, b + 'e');
    if (b.endsWith('i')) add(out, b.slice(0, -1) + 'y');
  }
  if (word.endsWith('ly')) add(out, word.slice(0, -2));
  return out;
}

/** Prefix strippings with recoding: returns the possible roots after removing one prefix. */
function stripPrefix(w: string): string[] {
  const out: string[] = [];
  const tryRest = (rest: string, recode: string[]) => {
    for (const r of recode) add(out, r + rest);
  };
  for (const p of ['memper', 'diper']) if (w.startsWith(p)) add(out, w.slice(p.length));
  for (const base of ['me', 'pe']) {
    if (!w.startsWith(base)) continue;
    const rest = w.slice(2);
    if (rest.startsWith('ny')) tryRest(rest.slice(2), ['s']);
    else if (rest.startsWith('ng')) {
      const r = rest.slice(2);
      tryRest(r, VOWEL.test(r) ? ['', 'k'] : ['']);
    } else if (rest.startsWith('m')) {
      const r = rest.slice(1);
      tryRest(r, VOWEL.test(r) ? ['p', ''] : ['']);
    } else if (rest.startsWith('n')) {
      const r = rest.slice(1);
      tryRest(r, VOWEL.test(r) ? ['t', ''] : ['']);
    } else add(out, rest);
  }
  if (w.startsWith('pel')) add(out, w.slice(3));
  for (const p of ['ber', 'ter', 'per']) if (w.startsWith(p)) add(out, w.slice(3));
  for (const p of ['be', 'te']) if (w.startsWith(p) && !w.startsWith(p + 'r')) add(out, w.slice(2));
  for (const p of ['di', 'ke', 'se']) if (w.startsWith(p)) add(out, w.slice(2));
  return out;
}

function stripSuffix(w: string): string[] {
  const out: string[] = [];
  for (const s of ['kan', 'an', 'i'])
    if (w.endsWith(s) && w.length - s.length >= 3) add(out, w.slice(0, -s.length));
  return out;
}

/** Malay affix-stripping candidates (4+ letters, so "tapi" never becomes "tap"), shortest removals first. */
export function malayStems(word: string): string[] {
  return malayCandidates(word).filter((w) => w.length >= 4);
}

function malayCandidates(word: string): string[] {
  const out: string[] = [];
  const bases: string[] = [word];
  for (const particle of ['lah', 'kah', 'tah', 'nya', 'pun']) {
    if (word.endsWith(particle) && word.length - particle.length >= 3) {
      const b = word.slice(0, -particle.length);
      bases.push(b);
      add(out, b);
    }
  }
  for (const b of bases) for (const s of stripSuffix(b)) add(out, s);
  for (const b of bases) for (const p of stripPrefix(b)) add(out, p);
  for (const b of bases) {
    for (const p of stripPrefix(b)) {
      for (const s of stripSuffix(p)) add(out, s);
      for (const p2 of stripPrefix(p)) {
        add(out, p2);
        for (const s of stripSuffix(p2)) add(out, s);
      }
    }
  }
  return out;
}

/** All candidate forms of a word, the word itself first. */
export function stemCandidates(word: string): string[] {
  const out: string[] = [word];
  const single = word.replace(/([a-z])\1+/g, '$1');
  if (single !== word) add(out, single);
  for (const c of englishStems(word)) add(out, c);
  for (const c of malayStems(word)) add(out, c);
  return out;
}
