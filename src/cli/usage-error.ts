/**
 * The command line itself is wrong (an unknown option, a missing argument, a value that does not
 * parse): exit code 2 with the message and a pointer to `--help`. Anything else that fails is 1.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
