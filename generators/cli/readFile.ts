import { LIMITS } from '../../shared/model/limits';
import { cliReadError, readTextFile } from '../../node-io/read-file';

export { describeFsError } from '../../node-io/errors';

/**
 * Reads a design file for the CLI with node-io's reader (the desktop shell's too): a regular file,
 * at most LIMITS.maxFileBytes (checked before reading and again while reading, in case it grows),
 * no NUL byte, valid UTF-8. Every failure a user can cause becomes one clear line (`UserError`),
 * never a stack trace.
 */

export class UserError extends Error {
  constructor(
    message: string,
    /** Process exit code: 2 for unreadable files and bad usage. */
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export async function readDesignFile(file: string): Promise<string> {
  const r = await readTextFile(file, { maxBytes: LIMITS.maxFileBytes });
  if (!r.ok) throw new UserError(cliReadError(r.failure, file, LIMITS.maxFileBytes));
  return r.text;
}
