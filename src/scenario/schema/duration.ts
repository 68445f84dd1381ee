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
