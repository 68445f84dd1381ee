// ESLint flat config. The core (everything in src/ except the edges src/cli/ and
// src/training/) must be deterministic: the same seed gives byte-identical results on any
// machine, so it may not read clocks, draw unseeded random numbers or schedule timers.
// Randomness comes from seeded named streams (src/kernel/rng.ts), time from the simulation clock.
import tseslint from 'typescript-eslint';

const why = 'the core must be deterministic: use the simulation clock and seeded streams from src/kernel/rng.ts (only src/cli/ and src/training/ may read real time)';

/** The rules that keep the core deterministic; exported for the test that proves they fire. */
export const determinismRules = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: `Math.random() is not seeded: ${why}` },
    { object: 'Date', property: 'now', message: `Date.now() reads the wall clock: ${why}` },
    { object: 'performance', property: 'now', message: `performance.now() reads the wall clock: ${why}` },
    { object: 'crypto', property: 'randomUUID', message: `crypto.randomUUID() is not seeded: ${why}` },
    { object: 'crypto', property: 'getRandomValues', message: `crypto.getRandomValues() is not seeded: ${why}` },
    { object: 'process', property: 'hrtime', message: `process.hrtime() reads the wall clock: ${why}` },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: `timers run in real time: ${why}` },
    { name: 'setInterval', message: `timers run in real time: ${why}` },
    { name: 'setImmediate', message: `timers run in real time: ${why}` },
    { name: 'performance', message: `performance reads the wall clock: ${why}` },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `new Date() reads the wall clock: ${why}` },
    { selector: "CallExpression[callee.name='Date'][arguments.length=0]", message: `Date() reads the wall clock: ${why}` },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'schema/**', 'bench/**'] },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: determinismRules,
  },
  {
    // The edges: the CLI prints elapsed time and writes files; the trainer runs a real-time UI.
    files: ['src/cli/**', 'src/training/**'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-globals': 'off', 'no-restricted-syntax': 'off' },
  },
);
