/** Guess whether a message is Malay or English from common function words (no network, no model). */
import type { Language } from '../feedback/types';

const MALAY = new Set(
  `saya kami kita awak anda dia mereka ini itu yang dan di ke dari pada untuk dengan tidak tak x tk ada nak mahu hendak
  sudah dah dh belum boleh tolong sila terima kasih aduan cadangan pertanyaan penghargaan jalan jln rumah kat dekat
  sebab kerana tapi tetapi juga lagi sangat sgt banyak rosak bocor sampah longkang lampu taman apa bila mana macam
  mcm berapa ialah adalah akan telah sedang masih selamat pagi petang malam hai helo bahasa melayu bm semak status
  sampai minta mohon encik puan kenapa mengapa tiada takde xde ni tu la lah kah pun pula baru lama hari minggu`.split(
    /\s+/,
  ),
);
const ENGLISH = new Set(
  `i me my we our you your he she they it this that these those the a an and or but is are was were be been being have
  has had do does did not no yes please thank thanks there here what when where which who why how can could would should
  will to of in on at for with from by about complaint suggestion question compliment road street light broken hello hi
  good morning evening status check english help want need near outside since days week`.split(/\s+/),
);

/** 'ms' or 'en' when the text says enough, otherwise null. */
export function detectLanguage(text: string): Language | null {
  // Only whole words count: reference numbers, codes and tokens with digits ("x8wu", "SRA-…") say nothing.
  const words = text
    .toLowerCase()
    .replace(/\bsra[\s-]?[0-9a-z]{4}[\s-]?[0-9a-z]{4}\b/g, ' ')
    .split(/[\s,.!?;:()"'“”]+/)
    .filter((w) => /^[a-z]+$/.test(w));
  let ms = 0;
  let en = 0;
  for (const w of words) {
    if (MALAY.has(w)) ms++;
    if (ENGLISH.has(w)) en++;
    if (/^(di|ter|ber|mem|pen|per|ke)\w{3,}(kan|an|nya)$/.test(w)) ms += 0.5;
  }
  if (ms === en) return null;
  return ms > en ? 'ms' : 'en';
}

/** Map a channel locale such as "ms-MY", "en-US", "id" to one of ours, or null when it says nothing useful. */
export function languageFromLocale(locale: string | undefined): Language | null {
  if (!locale) return null;
  const base = locale.toLowerCase().split(/[-_]/)[0];
  if (base === 'ms' || base === 'may' || base === 'zsm') return 'ms';
  if (base === 'en') return 'en';
  return null;
}
