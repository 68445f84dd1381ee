/** Reading YAML files for every loader: limits, encodings, positions and the diagnostic format. */
export * from './diagnostic.ts';
export * from './locator.ts';
export * from './parse.ts';
export * from './read.ts';
export * from './values.ts';
export * from './zodIntrospect.ts';
export * from './zodIssues.ts';
