/** Probability distributions: the zod schema (the config type) and their samplers. */
export * from './schema.ts';
export * from './sample.ts';
