/**
 * The scenario error catalogue: every problem the loader can report, as data.
 *
 * A {@link Diagnostic} says where (file:line:col and the path of the setting), what
 * happened (`message`) and what to do (`hint`); the catalogue says why each code exists
 * and gives the default advice. Codes are stable: tools and tests may match on them.
 */

import {
  compareFileDiagnostics,
  formatFileDiagnostic,
  type ErrorCodeInfo,
  type FileDiagnostic,
  type Severity,
} from '../yaml/diagnostic.ts';

export type { ErrorCodeInfo, Severity };

/**
 * Every code the scenario loader reports, with why it exists and the default advice.
 * The object's keys are the {@link ErrorCode} union, so a new code cannot be used without
 * being documented here.
 */
export const errorCatalogue = {
  FILE_NOT_FOUND: {
    severity: 'error',
    title: 'File not found',
    why: 'There is no file at the given path, so there is no scenario to read.',
    whatToDo: 'check the path and the file name (scenarios end in .yaml)',
  },
  FILE_UNREADABLE: {
    severity: 'error',
    title: 'File cannot be read',
    why: 'The file exists but cannot be read as UTF-8 text (permissions, a folder, binary or wrongly encoded content, or too large).',
    whatToDo: 'make sure the path names a readable YAML text file saved as UTF-8',
  },
  FILE_TOO_LARGE: {
    severity: 'error',
    title: 'File too large',
    why: 'A scenario is a few kilobytes; a file of megabytes is almost surely the wrong file, and reading it could exhaust memory.',
    whatToDo: 'check that the path names the scenario you meant',
  },
  FILE_EMPTY: {
    severity: 'error',
    title: 'File is empty',
    why: 'The file has no content besides whitespace and comments, so it describes no scenario.',
    whatToDo: 'write a scenario with at least name, arrivals, callerTypes, problemTypes and agents',
  },
  YAML_SYNTAX: {
    severity: 'error',
    title: 'YAML syntax error',
    why: 'The text is not valid YAML, so it cannot be turned into settings.',
    whatToDo: 'fix the YAML at this position (indentation with spaces, matching quotes and brackets)',
  },
  YAML_DUPLICATE_KEY: {
    severity: 'error',
    title: 'Duplicate key',
    why: 'A key appears twice in the same map; one of the two values would be silently ignored.',
    whatToDo: 'remove or rename one of the two keys',
  },
  YAML_ALIAS_LIMIT: {
    severity: 'error',
    title: 'Too many alias expansions',
    why: 'Aliases (*name) expand to so many nodes that reading the file could exhaust memory (an "alias bomb").',
    whatToDo: 'write the values out, or use far fewer nested aliases',
  },
  YAML_UNDEFINED_ALIAS: {
    severity: 'error',
    title: 'Alias to an undefined anchor',
    why: 'An alias (*name) refers to an anchor (&name) that is not defined before it.',
    whatToDo: 'define the anchor &name before the alias, or fix the spelling',
  },
  YAML_TOO_DEEP: {
    severity: 'error',
    title: 'Nested too deeply',
    why: 'Lists and maps nest far deeper than any scenario needs; reading such a file could exhaust the stack.',
    whatToDo: 'flatten the nesting',
  },
  YAML_WARNING: {
    severity: 'warning',
    title: 'YAML warning',
    why: 'The YAML is readable but contains something the reader ignored or interpreted (for example an unknown !tag).',
    whatToDo: 'remove the construct the warning points at',
  },
  SCHEMA_MISSING: {
    severity: 'error',
    title: 'Required setting missing',
    why: 'A setting that has no sensible default is missing.',
    whatToDo: 'add the setting',
  },
  SCHEMA_TYPE: {
    severity: 'error',
    title: 'Wrong kind of value',
    why: 'A setting has the wrong kind of value (text where a number is needed, a list where a map is needed, .nan…).',
    whatToDo: 'give the setting a value of the right kind',
  },
  SCHEMA_UNKNOWN_KEY: {
    severity: 'error',
    title: 'Unknown setting',
    why: 'A key is not a setting the simulator knows; a misspelt setting would otherwise be silently ignored.',
    whatToDo: 'fix the spelling or remove the key',
  },
  SCHEMA_RANGE: {
    severity: 'error',
    title: 'Value out of range',
    why: 'A number, list or text is outside the range the setting allows (negative rates, probabilities above 1, empty lists, infinities…).',
    whatToDo: 'use a value inside the allowed range',
  },
  SCHEMA_FORMAT: {
    severity: 'error',
    title: 'Badly formatted text',
    why: 'A text setting (duration, time of day, opening window, id, currency) does not follow its format.',
    whatToDo: 'write the value in the format shown',
  },
  SCHEMA_ENUM: {
    severity: 'error',
    title: 'Not one of the allowed words',
    why: 'The setting accepts only a fixed set of words (for example a distribution name or a queue discipline).',
    whatToDo: 'use one of the allowed words',
  },
  SCHEMA_CONFLICT: {
    severity: 'error',
    title: 'Settings that exclude each other',
    why: 'Two keys are set that mean different, incompatible things (for example a constant arrival rate and a profile).',
    whatToDo: 'keep only one of them',
  },
  SHARES_SUM: {
    severity: 'error',
    title: 'Caller type shares do not sum to 1',
    why: 'The shares split every call among the caller types, so together they must be exactly 1.',
    whatToDo: 'adjust the shares so they add up to 1',
  },
  UNKNOWN_PROBLEM: {
    severity: 'error',
    title: 'Unknown problem type',
    why: "A caller type's problem must be the id of one of the problemTypes, or its calls cannot be handled.",
    whatToDo: 'use the id of a problem type, or add a problem type with this id',
  },
  UNKNOWN_PROFILE: {
    severity: 'error',
    title: 'Unknown agent profile',
    why: "An agent group's profile must be the id of one of agents.profiles, or the group's script-following would silently fall back to the default.",
    whatToDo: 'use the id of a profile in agents.profiles, or add one with this id',
  },
  UNKNOWN_CALLER_TYPE: {
    severity: 'error',
    title: 'Unknown caller type',
    why: 'A setting given by caller type (e.g. afterCall.lifetimeValueByCallerType, channels.tickets.callAfter.callerType) must name one of the callerTypes, or it would silently apply to nobody.',
    whatToDo: 'use the id of a caller type, or remove the entry',
  },
  CHANNEL_UNSTAFFED: {
    severity: 'warning',
    title: 'A channel nobody answers',
    why: 'Contacts arrive on the channel, but it has no dedicated agents and blending is off, so every one of them ages unanswered. That may be the point of the scenario (a channel opened and never staffed), but it is often a forgotten setting.',
    whatToDo: 'give the channel dedicatedAgents, or set channels.blended.agents (a number, or all) so phone agents answer when no call waits',
  },
  BLENDING_TEAM: {
    severity: 'warning',
    title: 'Blending larger than the team',
    why: 'channels.blended.agents names more phone agents than the team has (all of them blend), or keepFree keeps the whole team free for the phone (nobody ever takes a chat or ticket). Either is usually a setting left from another team size.',
    whatToDo: 'set channels.blended.agents to at most agents.count (or all), and keepFree below agents.count',
  },
  DUPLICATE_ID: {
    severity: 'error',
    title: 'Duplicate id',
    why: 'Ids name caller types and problem types in references and reports, so each must be unique in its list.',
    whatToDo: 'give each entry a different id',
  },
  NO_AGENTS: {
    severity: 'error',
    title: 'No agents for arriving calls',
    why: 'Calls arrive but nobody can answer them, so every caller waits until they hang up.',
    whatToDo: 'set agents.count to 1 or more',
  },
  OPENING_HOURS: {
    severity: 'error',
    title: 'Invalid opening hours',
    why: 'An opening window ends before it starts, is empty, or overlaps another window.',
    whatToDo: 'write each window as start-end with start before end, and keep the windows apart',
  },
  ARRIVAL_PROFILE: {
    severity: 'error',
    title: 'Arrival profile out of order',
    why: 'Each step of the arrival profile applies until the next one, so the `at` times must strictly increase.',
    whatToDo: 'list the steps in time order, each later than the one before',
  },
  ARRIVAL_STEP_UNUSED: {
    severity: 'warning',
    title: 'Arrival profile step never applies',
    why: 'The step covers only hours when the line is closed, so its rate has no effect.',
    whatToDo: 'move the step into the opening hours, or remove it',
  },
  WARMUP_TOO_LONG: {
    severity: 'error',
    title: 'Warm-up as long as the run',
    why: 'Calls during the warm-up are not counted, so a warm-up that lasts the whole run leaves nothing to measure.',
    whatToDo: 'shorten run.warmup or increase run.days',
  },
  INTERVAL: {
    severity: 'error',
    title: 'Reporting interval does not divide the day',
    why: 'Reports cut each day into equal intervals, so the interval length must divide 1440 minutes.',
    whatToDo: 'use a divisor of 1440 such as 15, 30 or 60',
  },
  DIST_UNIFORM_RANGE: {
    severity: 'error',
    title: 'Uniform distribution with min above max',
    why: 'A uniform distribution draws between min and max, which needs min ≤ max.',
    whatToDo: 'swap min and max',
  },
  DIST_WEIGHTS_LENGTH: {
    severity: 'error',
    title: 'Empirical weights do not match values',
    why: 'An empirical distribution needs exactly one weight per value.',
    whatToDo: 'give one weight per value, or omit weights for equal weights',
  },
  DIST_WEIGHTS_ZERO: {
    severity: 'error',
    title: 'Empirical weights all zero',
    why: 'With every weight zero no value can ever be drawn.',
    whatToDo: 'give at least one value a positive weight',
  },
  UNUSED_PROBLEM: {
    severity: 'warning',
    title: 'Problem type not used',
    why: 'No caller type has this problem, so it never occurs in the simulation (often a typo in a caller type).',
    whatToDo: 'remove the problem type, or reference it from a caller type',
  },
  NO_SALES: {
    severity: 'warning',
    title: 'Purchase intent that can never convert',
    why: "Callers of this type mean to buy, but their problem type's conversion is 0, so no sale (and no lost sale) is ever counted.",
    whatToDo: 'set conversion on the problem type, or set purchaseIntent to 0',
  },
  WEEKLY_BEYOND_DAY: {
    severity: 'error',
    title: 'Weekly demand that runs past midnight',
    why: 'Each list of arrivals.weekly gives the calls of consecutive intervals of one day from arrivals.from; more intervals than fit before midnight cannot belong to that day.',
    whatToDo: 'shorten the list, or set arrivals.from and arrivals.intervalMinutes to where and how the counts really start',
  },
  WEEKLY_WHILE_CLOSED: {
    severity: 'warning',
    title: 'Weekly demand while the line is closed',
    why: 'Calls arrive only during openingHours; counts in intervals when the line is closed are not simulated, which usually means the lists start at another time or use another interval length.',
    whatToDo: 'check arrivals.from and arrivals.intervalMinutes against the counts, or widen openingHours (use afterHours for calls while closed)',
  },
  ARRIVALS_CSV_NOT_FOUND: {
    severity: 'error',
    title: 'CSV of call counts not found or unreadable',
    why: 'arrivals.csv names a file of historical call counts that cannot be read, so there is no demand to simulate.',
    whatToDo: 'check the path: it is relative to the scenario file (e.g. counts.csv next to it)',
  },
  ARRIVALS_CSV_INVALID: {
    severity: 'error',
    title: 'CSV of call counts with errors',
    why: 'A row of the historical call counts has no valid weekday or date, interval start or number of calls, so it cannot be averaged.',
    whatToDo: 'fix the row: columns weekday (or date YYYY-MM-DD), start (HH:MM on the interval grid) and calls',
  },
  SCRIPT_NOT_FOUND: {
    severity: 'error',
    title: 'Call script not found or unreadable',
    why: 'A problem type (or a plan) names a call script file that cannot be read, so its calls cannot follow it.',
    whatToDo: 'check the path: it is relative to the scenario file (e.g. ../callscripts/pre-sale-reassurance.yaml)',
  },
  SCRIPT_INVALID: {
    severity: 'error',
    title: 'Call script with errors',
    why: 'The call script a problem type (or a plan) names has errors, so simulated agents cannot walk it.',
    whatToDo: 'run callfloor lint on the script and fix what it reports',
  },
  PRIORITY_UNUSED: {
    severity: 'warning',
    title: 'Caller priority that is ignored',
    why: 'Priorities only decide who is answered first when queue.discipline is priority.',
    whatToDo: 'set queue.discipline: priority, or remove the priority',
  },
  ANNOUNCEMENT_UNUSED: {
    severity: 'warning',
    title: 'Announcement setting the message never uses',
    why: 'The extra hang-up chance per caller ahead applies to position messages, the one per minute of expected wait to expected-wait messages.',
    whatToDo: 'choose the message (says) that the setting is for, or remove the setting',
  },
  CALLBACK_NOBODY: {
    severity: 'error',
    title: 'Callbacks that nobody can make',
    why: 'Callbacks (offered in the queue, or after a message left with the virtual secretary) are made by in-house agents; with none on the phone every such caller would wait forever.',
    whatToDo: 'put at least one agent on the phone (agents.count or a shift)',
  },
  LINES_BELOW_AGENTS: {
    severity: 'warning',
    title: 'Fewer phone lines than agents',
    why: 'Every call holds a line, so agents beyond the number of lines can never be on a call.',
    whatToDo: 'give at least as many lines as agents, or fewer agents',
  },
  AGENT_GROUPS: {
    severity: 'error',
    title: 'Agent groups that do not add up',
    why: 'agents.count is the team size the reports use; with groups it must be their total, and shifts and breaks belong to a group.',
    whatToDo: 'set agents.count to the groups\' total, and put shifts and breaks in each group',
  },
  ROUTING: {
    severity: 'error',
    title: 'Skill-based routing that cannot work',
    why: 'With skills, a caller is answered only by the agent groups that have the caller\'s problem type among their skills (or overflowSkills, after queue.overflowAfter).',
    whatToDo: 'give every problem type a group that answers it, set queue.overflowAfter for overflowSkills, and use queue discipline fifo or priority',
  },
  SHIFT_EMPTY: {
    severity: 'error',
    title: 'Shift or break of no length',
    why: 'A shift or break that starts and ends at the same time covers no time at all (probably a typo).',
    whatToDo: 'give an end time after the start time',
  },
  INTERNAL_ERROR: {
    severity: 'error',
    title: 'Internal error in the loader',
    why: 'The loader failed unexpectedly on this input; this is a bug in callfloor, not in the scenario.',
    whatToDo: 'please report it with the scenario file attached',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** Stable identifier of a kind of problem; see {@link errorCatalogue} for each meaning. */
export type ErrorCode = keyof typeof errorCatalogue;

/** Every known code, in catalogue order. */
export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

/** Whether `code` is one of the catalogue's codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}

/** A problem found in a scenario file, with its position and advice (see {@link FileDiagnostic}). */
export type Diagnostic = FileDiagnostic<ErrorCode>;

/**
 * One line per diagnostic:
 *
 * - error:   `${file}:${line}:${column}  ${code}  ${message} — ${hint}`
 * - warning: `${file}:${line}:${column}  warning ${code}  ${message} — ${hint}`
 *
 * Warnings carry the word `warning` before the code (inside the code column, which is
 * still delimited by two spaces), so `grep CODE` finds both and `grep '  warning '`
 * separates warnings from errors. Errors carry no marker.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return formatFileDiagnostic(d);
}

/** Formats several diagnostics, one per line (no trailing newline). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}

/** Orders diagnostics by position in the file; ties keep their original order. */
export const compareDiagnostics: (a: Diagnostic, b: Diagnostic) => number = compareFileDiagnostics;
