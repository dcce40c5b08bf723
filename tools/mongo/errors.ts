/** Stable codes for failures to obtain a MongoDB server. */
export type MongoStartErrorCode =
  | 'BAD_OPTION'
  | 'BAD_URI'
  | 'MONGOD_UNAVAILABLE'
  | 'MONGOD_FAILED'
  | 'STANDIN_PACKAGES_MISSING'
  | 'STANDIN_INSTALL_FAILED'
  | 'STANDIN_FAILED';

/** A failure to start or select MongoDB; `message` is written for users and names the exact fix. */
export class MongoStartError extends Error {
  readonly code: MongoStartErrorCode;

  constructor(code: MongoStartErrorCode, message: string) {
    super(message);
    this.name = 'MongoStartError';
    this.code = code;
  }
}
