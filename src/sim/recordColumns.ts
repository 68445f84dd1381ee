/**
 * Which optional columns the scenario's call records have, decided once from the features it
 * uses (a CSV header is written before the first call ends).
 */
import { contactsCauseCalls } from '../money/ledger.ts';
import type { SimulationModel } from './model.ts';

export interface RecordColumns {
  /** customer, attempt, callback: some customer can call more than once or be called back. */
  readonly customers: boolean;
  /** causedBy: some calls are made because a chat or a ticket went unanswered. */
  readonly causedBy: boolean;
}

export function recordColumnsOf(model: SimulationModel): RecordColumns {
  const afterHours = model.afterHours;
  return {
    customers:
      model.callerTypes.some((type) => type.retrial !== null) ||
      model.callback !== null ||
      model.secretary !== null ||
      (afterHours !== null && (afterHours.callAgain > 0 || afterHours.voicemail > 0)),
    causedBy: contactsCauseCalls(model.config),
  };
}
