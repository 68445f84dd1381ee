/** Caller state machines and the compiler that steps them fast. */
export * from './caller.ts';
export * from './compile.ts';
