/**
 * The scenario building blocks that the section schemas in this folder share with
 * src/scenario/schema.ts. schema.ts imports these sections, so they reach back through
 * `z.lazy`: the value is read when a scenario is parsed, after both modules have loaded,
 * never while the import cycle is still being evaluated.
 */
import { z } from 'zod';
import { durationSchema, openingWindowSchema } from '../schema.ts';

/** A duration (`20s`, `5min`, `1.5h`, `2d` or seconds), parsed to seconds. */
export const duration = z.lazy(() => durationSchema);

/** A daily window such as `09:00-13:00`. */
export const window = z.lazy(() => openingWindowSchema);

/** A probability, 0 to 1. */
export const probability = z.number().min(0).max(1);
