import type { ErrorCode } from '../../../common/errors.js';

/** A refusal the client caused; the error handler maps it to its status and the error shape. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After for 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** A 422 for one field, with the message in each language chosen later by the handler. */
export function fieldError(field: string, message: { zh: string; en: string }): AppError {
  return new AppError('validation_failed', { fields: { [field]: message } });
}
