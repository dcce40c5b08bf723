/** Why a delivery attempt failed: the agency said no (permanent), the network failed (retry), or our setup is wrong. */

/** Stable codes for permanent refusals by the receiving system. */
export type RejectedCode = 'REJECTED' | 'OPEN311_REJECTED' | 'BAD_API_KEY' | 'SMTP_REJECTED';

/** Stable codes for failures worth retrying. */
export type TransportCode =
  | 'TIMEOUT'
  | 'NETWORK'
  | 'SERVER_ERROR'
  | 'RATE_LIMITED'
  | 'REQUEST_TIMEOUT'
  | 'BAD_RESPONSE'
  | 'LOOKUP_FAILED'
  | 'SMTP_DEFERRED';

/** Stable codes for problems in our own configuration (permanent until an operator fixes them). */
export type ConfigCode =
  | 'NO_ENDPOINT'
  | 'SECRET_MISSING'
  | 'SERVICE_CODE_MISSING'
  | 'LOCATION_MISSING'
  | 'UNROUTED'
  | 'SMTP_AUTH'
  | 'SMTP_CONFIG';

/** The receiving system answered and refused the item (HTTP 4xx other than 408/429, SMTP 5xx). Do not retry. */
export class DeliveryRejectedError extends Error {
  readonly permanent = true;
  constructor(
    readonly code: RejectedCode,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'DeliveryRejectedError';
  }
}

/** The item did not get through (network, timeout, HTTP 5xx/408/429, SMTP 4xx). Retry later, after `retryAfterMs` if given. */
export class DeliveryTransportError extends Error {
  readonly permanent = false;
  constructor(
    readonly code: TransportCode,
    message: string,
    readonly statusCode?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryTransportError';
  }
}

/** Our side cannot send it (no endpoint, secret env var unset, no service code). Dead-letter; re-drive after fixing. */
export class DeliveryConfigError extends Error {
  readonly permanent = true;
  constructor(
    readonly code: ConfigCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryConfigError';
  }
}

/** Any delivery failure this module raises. */
export type DeliveryError = DeliveryRejectedError | DeliveryTransportError | DeliveryConfigError;

/** True for the errors this module raises. */
export function isDeliveryError(e: unknown): e is DeliveryError {
  return (
    e instanceof DeliveryRejectedError ||
    e instanceof DeliveryTransportError ||
    e instanceof DeliveryConfigError
  );
}
