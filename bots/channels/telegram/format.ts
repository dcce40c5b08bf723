/** Text for Telegram's HTML parse mode: escaping, and splitting long replies at sentence boundaries. */

/** Telegram's maximum message length. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Escape the three characters HTML parse mode reserves. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Sentences (with their trailing punctuation and spaces) and line breaks, in order; joined they give `text`. */
function sentences(text: string): string[] {
  return text.match(/[^.!?…\n]*(?:[.!?…]+["')\]]*|\n+|$)[ \t]*/g)?.filter((s) => s.length > 0) ?? [text];
}

/** Words with their trailing whitespace. */
function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/** Cut a string into pieces whose escaped length fits, never splitting a surrogate pair. */
function hardCut(text: string, limit: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of Array.from(text)) {
    if (escapeHtml(cur + ch).length > limit) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Greedily pack units into chunks whose escaped length stays within `limit`. */
function pack(units: string[], limit: number, fallback: (unit: string) => string[]): string[] {
  const chunks: string[] = [];
  let cur = '';
  for (const unit of units) {
    if (escapeHtml(cur + unit).length <= limit) {
      cur += unit;
      continue;
    }
    if (cur) chunks.push(cur);
    cur = '';
    if (escapeHtml(unit).length <= limit) cur = unit;
    else {
      const parts = fallback(unit);
      chunks.push(...parts.slice(0, -1));
      cur = parts[parts.length - 1] ?? '';
    }
  }
  if (cur) chunks.push(cur);
  return chunks;
}

/**
 * Split `text` into escaped HTML chunks of at most `limit` characters, preferring sentence boundaries, then
 * word boundaries, then characters.
 */
export function splitForTelegram(text: string, limit = MAX_MESSAGE_LENGTH): string[] {
  const raw = pack(sentences(text), limit, (s) => pack(words(s), limit, (w) => hardCut(w, limit)));
  return raw.map((c) => escapeHtml(c.trim())).filter((c) => c.length > 0);
}
