/** Deep links that open one consultation: Telegram `/start c-<id>` and the widget's `data-consultation`. */

/** Prefix of a consultation's start payload (`t.me/<bot>?start=c-<id>`). */
export const CONSULTATION_START_PREFIX = 'c-';

const ID = /^[a-z][a-z0-9_-]{0,61}$/;

/** The consultation id in a start payload (`c-<id>`), or null when it is not a consultation link. */
export function consultationFromStart(payload: unknown): string | null {
  if (typeof payload !== 'string' || !payload.startsWith(CONSULTATION_START_PREFIX)) return null;
  const id = payload.slice(CONSULTATION_START_PREFIX.length).toLowerCase();
  return ID.test(id) ? id : null;
}

/** The start payload that opens consultation `id` (Telegram allows [A-Za-z0-9_-], up to 64 characters). */
export function consultationStart(id: string): string {
  return `${CONSULTATION_START_PREFIX}${id}`;
}
