// The CLI's one error type: a message for stderr and the exit code it maps to.
// Exit codes everywhere: 0 success, 1 findings or failures, 2 usage or environment error.
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}
