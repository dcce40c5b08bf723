/**
 * JSON from outside, parsed with a nesting limit checked BEFORE parsing (one linear scan, no recursion), so a
 * 10,000-level document is refused as bad input instead of overflowing the stack later (JSON.stringify, BSON).
 */

/** Deepest nesting any inbound JSON body may have (Bot Framework activities and Telegram updates need < 12). */
export const MAX_JSON_DEPTH = 32;

/** The JSON nests deeper than allowed. */
export class JsonTooDeepError extends Error {
  readonly code = 'JSON_TOO_DEEP';
  constructor(readonly maxDepth: number) {
    super(`JSON nests deeper than ${maxDepth} levels`);
    this.name = 'JsonTooDeepError';
  }
}

/** True when `text` has more than `maxDepth` levels of `{`/`[` outside strings (stops at the first excess). */
export function tooDeep(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * `JSON.parse` with a nesting limit: throws JsonTooDeepError, or SyntaxError for malformed JSON. Keys named
 * `__proto__` are dropped: JSON.parse makes them ordinary properties, but any later copy by assignment (zod's
 * object parsing, Object.assign) would turn them into the copy's prototype.
 */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (tooDeep(text, maxDepth)) throw new JsonTooDeepError(maxDepth);
  return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)) as unknown;
}
