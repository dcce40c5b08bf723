/** Errors of the consultations module, each with a stable `code`. */

/** The consultations data file is missing, not JSON, or invalid. */
export class ConsultationDataError extends Error {
  /** Stable error code. */
  readonly code = 'CONSULTATION_DATA_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConsultationDataError';
  }
}

/** No consultation has that id. */
export class ConsultationNotFoundError extends Error {
  /** Stable error code. */
  readonly code = 'CONSULTATION_NOT_FOUND';
  constructor(readonly consultationId: string) {
    super(`No consultation with id "${consultationId}"`);
    this.name = 'ConsultationNotFoundError';
  }
}

/** The consultation is not open (not yet, or any more) at the time of submission. */
export class ConsultationClosedError extends Error {
  /** Stable error code. */
  readonly code = 'CONSULTATION_CLOSED';
  constructor(
    readonly consultationId: string,
    readonly closesAt: Date,
  ) {
    super(`Consultation "${consultationId}" is not open for responses`);
    this.name = 'ConsultationClosedError';
  }
}

/** The answers do not fit the consultation's questions (unknown question or option, bad scale, missing answer). */
export class InvalidConsultationResponseError extends Error {
  /** Stable error code. */
  readonly code = 'CONSULTATION_RESPONSE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConsultationResponseError';
  }
}
