/**
 * Settings of the report itself, and their defaults.
 *
 * @module
 */
import type { Language } from '../format.ts';

/** Settings of the report itself (not of the scenario); each is listed among the assumptions. */
export interface ReportSettings {
  readonly language: Language;
  /** Share of callers left unanswered who switch to a competitor (survey: 33% after one bad experience). */
  readonly switchShare: number;
  /** Weeks a new hire is paid before answering alone (training and shadowing). */
  readonly onboardingWeeks: number;
  /** Paid hours in a working week, to cost the onboarding. */
  readonly hoursPerWeek: number;
  /** One-off cost of a plan (recruiting, training…) by plan name, as given on the command line. */
  readonly oneOffCosts: Readonly<Record<string, number>>;
}

export const DEFAULT_REPORT_SETTINGS: Omit<ReportSettings, 'language'> = {
  switchShare: 0.33,
  onboardingWeeks: 4,
  hoursPerWeek: 40,
  oneOffCosts: {},
};
