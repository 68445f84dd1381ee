/** An error meant for the user: printed without a stack trace, with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 2 for bad input (files, arguments), 3 for a check that did not pass, 1 for anything else. */
    readonly exitCode: 1 | 2 | 3 = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
