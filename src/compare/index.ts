/** Plans compared on common random numbers: paired differences, money per month and year, replications needed. */
export * from './compare.ts';
export * from './changes.ts';
export * from './pairedDifference.ts';
export * from './replicationsNeeded.ts';
export * from './compareParallel.ts';
