/** Errors of the staff tools, each with a stable `code` (the HTTP layer maps codes to statuses and messages). */

/** Stable error codes of the staff service. */
export type StaffErrorCode =
  | 'EMAIL_INVALID'
  | 'EMAIL_TAKEN'
  | 'AGENCY_UNKNOWN'
  | 'STAFF_NOT_FOUND'
  | 'PASSWORD_HASH_INVALID'
  | 'SEED_INVALID';

/** A staff-service failure with a stable code. */
export class StaffError extends Error {
  constructor(
    readonly code: StaffErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StaffError';
  }
}
