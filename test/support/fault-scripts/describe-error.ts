/** An error as a fault script reports it on stdout (JSON): class, reason, retryable, message, driver code. */
export interface ErrorReport {
  class: string
  reason?: string
  retryable?: boolean
  message: string
  code?: string
  causeClass?: string
}

export function describeError(error: unknown): ErrorReport {
  const e = error as Error & { reason?: string; retryable?: boolean; code?: string; cause?: Error & { code?: string } }
  return {
    class: e.constructor.name,
    reason: e.reason,
    retryable: e.retryable,
    message: e.message,
    code: e.code ?? e.cause?.code,
    causeClass: e.cause?.constructor.name,
  }
}
