/** Where a command writes; the CLI passes the process streams, tests pass collectors. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}
