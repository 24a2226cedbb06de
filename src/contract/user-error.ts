// The one error type for problems a user can fix: bad flags or input, a file that cannot be read or written,
// a port in use, a target that does not answer. Every side throws a subclass of it (FixturesError,
// StateFileError, DocsError, GenerateError, TargetUnreachable, UsageError); the CLI prints its message on one
// line and exits with its exit code, in one place (src/cli/main.ts). Anything else is a bug.

/** Exit codes everywhere: 0 success, 1 findings or failures, 2 usage or environment error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}
