/** Building blocks shared by schema.ts and the section schemas in this folder. */
import { z } from 'zod';

const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)\s*$/;
const SECONDS_PER_UNIT: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86400 };

/** A duration: a number of seconds, or a string such as `20s`, `5min`, `1.5h`, `2d`. Parsed to seconds. */
export const durationSchema = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(DURATION_PATTERN, 'a duration such as 20s, 5min, 1.5h or 2d')
    .transform((text) => {
      const [, amount, unit] = DURATION_PATTERN.exec(text)!;
      return Number(amount) * SECONDS_PER_UNIT[unit!]!;
    }),
]);

/** A time of day, `HH:MM`, 00:00 to 24:00. */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day such as 09:00 or 18:30');

/** A daily opening window such as `09:00-13:00`. */
export const openingWindowSchema = z
  .string()
  .regex(
    /^\s*(([01]\d|2[0-3]):[0-5]\d)\s*-\s*(([01]\d|2[0-3]):[0-5]\d|24:00)\s*$/,
    'an opening window such as 09:00-13:00',
  );

/** A probability, 0 to 1. */
export const probability = z.number().min(0).max(1);
