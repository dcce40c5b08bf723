/** Errors of the routing module, each with a stable `code`. */

/** A routing data file (gazetteer, rules) is missing, not JSON, invalid, or refers to an unknown agency. */
export class RoutingDataError extends Error {
  /** Stable error code. */
  readonly code = 'ROUTING_DATA_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'RoutingDataError';
  }
}
