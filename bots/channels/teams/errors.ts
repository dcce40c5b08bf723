/** Errors of the Teams staff app, each with a stable `code` (the handlers map codes to localized messages). */

/** Stable error codes of the Teams staff app. */
export type TeamsErrorCode =
  | 'NOT_FOUND'
  | 'REFERENCE_INVALID'
  | 'REFERENCE_MISSING'
  | 'STATUS_INVALID'
  | 'STATUS_MISSING'
  | 'TEXT_REQUIRED'
  | 'TOO_LONG'
  | 'UNKNOWN_COMMAND'
  | 'LINK_INVALID'
  | 'CHANNEL_ONLY'
  | 'CHANNEL_TAKEN'
  | 'NO_CHANNEL'
  | 'BODY_REQUIRED'
  | 'BODY_UNKNOWN'
  | 'BODY_NOT_YOURS'
  | 'ASSIGNEE_INVALID'
  | 'NOTE_REQUIRED';

/** A failure the staff member can act on; `vars` fill the localized message. */
export class TeamsError extends Error {
  constructor(
    readonly code: TeamsErrorCode,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(vars.detail ? `${code}: ${vars.detail}` : code);
    this.name = 'TeamsError';
  }
}
