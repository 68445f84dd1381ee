/**
 * Checks of the realism settings (queue lines, announcements, callbacks, priorities, shifts,
 * the virtual secretary) that the schema alone cannot make: settings that would silently do
 * nothing, or a callback nobody could ever make. Works on the raw data, so it also runs when
 * other parts of the file are invalid; each check looks only at values that are themselves valid.
 */
import type { ErrorCode } from '../errors.ts';

type Path = Array<string | number>;

/** A problem found, in the loader's finding shape (the loader adds the position). */
export interface RealismFinding {
  code: ErrorCode;
  path: Path;
  message: string;
  hint?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function positiveNumber(value: unknown): boolean {
  return typeof value === 'number' && value > 0;
}

const MINUTES = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function minutesOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !MINUTES.test(value)) return undefined;
  const [hours, minutes] = value.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

export function realismFindings(data: Record<string, unknown>): RealismFinding[] {
  const findings: RealismFinding[] = [];
  const queue = record(data.queue);
  const agents = record(data.agents);
  const callerTypes = Array.isArray(data.callerTypes) ? data.callerTypes : [];

  // A priority only matters when the queue answers by priority (in the base, or in a plan).
  const plans = Array.isArray(data.plans) ? data.plans : [];
  const planUsesPriority = plans.some((plan) => record(record(plan)?.set)?.['queue.discipline'] === 'priority');
  if (queue?.discipline !== 'priority' && !planUsesPriority) {
    callerTypes.forEach((type, index) => {
      const priority = record(type)?.priority;
      if (positiveNumber(priority)) {
        findings.push({
          code: 'PRIORITY_UNUSED',
          path: ['callerTypes', index, 'priority'],
          message: `callerTypes[${index}].priority is ${String(priority)}, but queue.discipline is ${typeof queue?.discipline === 'string' ? queue.discipline : 'fifo'}, so priorities are ignored`,
          hint: 'set queue.discipline: priority to answer higher priorities first, or remove priority',
        });
      }
    });
  }

  // Announcement hang-up rates that the message chosen never uses.
  const announcements = record(queue?.announcements);
  if (announcements !== undefined) {
    const says = typeof announcements.says === 'string' ? announcements.says : 'position';
    const unused: Array<[string, string]> = [
      ['hangUpPerCallerAhead', 'position'],
      ['hangUpPerMinuteOfExpectedWait', 'expected-wait'],
    ];
    for (const [key, needs] of unused) {
      if (positiveNumber(announcements[key]) && says !== needs) {
        findings.push({
          code: 'ANNOUNCEMENT_UNUSED',
          path: ['queue', 'announcements', key],
          message: `queue.announcements.${key} only applies when the message says ${needs}, but says is ${says}`,
          hint: `set says: ${needs}, or remove ${key}`,
        });
      }
    }
  }

  // Callbacks need someone to make them: an agent on the phone at some time of the day.
  const secretary = record(data.secretary);
  const wantsCallbacks =
    record(queue?.callback) !== undefined ||
    (secretary !== undefined && secretary.seats !== 0 && !(typeof secretary.solves === 'number' && secretary.solves >= 1)) ||
    positiveNumber(record(data.afterHours)?.voicemail);
  const shifts = Array.isArray(agents?.shifts) ? agents.shifts : undefined;
  const someoneOnDuty =
    shifts !== undefined ? shifts.some((shift) => positiveNumber(record(shift)?.count)) : agents?.count === undefined || positiveNumber(agents.count);
  if (wantsCallbacks && !someoneOnDuty) {
    const path = record(queue?.callback) !== undefined ? ['queue', 'callback'] : secretary !== undefined ? ['secretary'] : ['afterHours', 'voicemail'];
    findings.push({
      code: 'CALLBACK_NOBODY',
      path,
      message: `callers are promised a callback (${path.join('.')}), but no agent is ever on the phone to make it`,
      hint: 'give agents.count (or a shift) at least 1 person: the in-house agents make the callbacks',
    });
  }

  // Fewer phone lines than agents: some agents can never be busy.
  if (typeof queue?.lines === 'number' && shifts === undefined && typeof agents?.count === 'number' && queue.lines < agents.count) {
    findings.push({
      code: 'LINES_BELOW_AGENTS',
      path: ['queue', 'lines'],
      message: `queue.lines is ${queue.lines}, fewer than the ${agents.count} agents: at most ${queue.lines} can ever be on a call`,
      hint: `give at least ${agents.count} lines, or fewer agents`,
    });
  }

  // Agent groups: their sizes make up agents.count; shifts are per team, not per group.
  const groups = Array.isArray(agents?.groups) ? agents.groups : undefined;
  if (groups !== undefined) {
    const counts = groups.map((group) => record(group)?.count);
    if (counts.every((count) => typeof count === 'number') && typeof agents?.count === 'number') {
      const total = (counts as number[]).reduce((sum, count) => sum + count, 0);
      if (total !== agents.count) {
        findings.push({
          code: 'AGENT_GROUPS',
          path: ['agents', 'count'],
          message: `agents.count is ${agents.count}, but the groups have ${total} people in all`,
          hint: `set agents.count to ${total}`,
        });
      }
    }
    for (const key of ['shifts', 'breaks'] as const) {
      if (agents?.[key] === undefined) continue;
      findings.push({
        code: 'AGENT_GROUPS',
        path: ['agents', key],
        message: `agents.${key} applies to one team, but this scenario has agent groups: whose ${key} are they?`,
        hint: `move the ${key} into each group (agents.groups[].${key}); a group without shifts is on duty all day`,
      });
    }
    if (data.staffing !== undefined) {
      findings.push({
        code: 'AGENT_GROUPS',
        path: ['staffing'],
        message: 'staffing sets the size of one team over the day, but this scenario has agent groups',
        hint: 'give each group its shifts (agents.groups[].shifts) instead of staffing',
      });
    }
    findings.push(...routingFindings(data, groups));
  }

  // Shifts and breaks of no length.
  for (const key of ['shifts', 'breaks'] as const) {
    const list = Array.isArray(agents?.[key]) ? (agents[key] as unknown[]) : [];
    list.forEach((item, index) => {
      const from = minutesOf(record(item)?.from);
      const to = minutesOf(record(item)?.to);
      if (from !== undefined && to !== undefined && from === to) {
        findings.push({
          code: 'SHIFT_EMPTY',
          path: ['agents', key, index, 'to'],
          message: `agents.${key}[${index}] starts and ends at the same time, so it lasts no time`,
          hint: 'give the end time (to) after the start (from); a span that ends before it starts runs over midnight',
        });
      }
    });
  }
  findings.push(...weeklyDemandFindings(data));
  return findings;
}

/**
 * Skill-based routing that cannot work: a problem type no group answers (its callers would
 * wait forever), overflow skills without an overflow time, a queue order other than fifo or
 * priority (routing compares the waiting callers of several queues by arrival or priority).
 */
function routingFindings(data: Record<string, unknown>, groups: unknown[]): RealismFinding[] {
  const findings: RealismFinding[] = [];
  const queue = record(data.queue);
  const listOf = (group: unknown, key: string): string[] | undefined => {
    const list = record(group)?.[key];
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : undefined;
  };
  const routed = groups.some((group) => listOf(group, 'skills') !== undefined || listOf(group, 'overflowSkills') !== undefined);
  if (!routed) return findings;
  const overflowAfter = queue?.overflowAfter;
  const overflows = overflowAfter !== undefined && overflowAfter !== 'never';
  groups.forEach((group, index) => {
    if (listOf(group, 'overflowSkills') !== undefined && !overflows) {
      findings.push({
        code: 'ROUTING',
        path: ['agents', 'groups', index, 'overflowSkills'],
        message: `agents.groups[${index}].overflowSkills only apply after queue.overflowAfter, which is ${overflowAfter === undefined ? 'not set' : 'never'}`,
        hint: 'set queue.overflowAfter (e.g. 60 or 2min), or remove overflowSkills',
      });
    }
  });
  const problems = (Array.isArray(data.problemTypes) ? data.problemTypes : []).map((problem) => record(problem)?.id);
  // A misspelt skill is reported by the loader; the problem type it meant would only be reported again here.
  const misspelt = groups.some((group) => [...(listOf(group, 'skills') ?? []), ...(listOf(group, 'overflowSkills') ?? [])].some((skill) => !problems.includes(skill)));
  const callerProblems = new Set((Array.isArray(data.callerTypes) ? data.callerTypes : []).map((type) => record(type)?.problem));
  problems.forEach((id, index) => {
    if (typeof id !== 'string' || !callerProblems.has(id) || misspelt) return;
    const answered = groups.some((group) => {
      const skills = listOf(group, 'skills');
      return skills === undefined || skills.includes(id) || (overflows && (listOf(group, 'overflowSkills') ?? []).includes(id));
    });
    if (!answered) {
      findings.push({
        code: 'ROUTING',
        path: ['problemTypes', index, 'id'],
        message: `no agent group answers problem type ${id}: it is in no group's skills${overflows ? ' or overflowSkills' : ''}, so its callers would wait until they hang up`,
        hint: `add ${id} to the skills of a group (or to its overflowSkills, with queue.overflowAfter)`,
      });
    }
  });
  const discipline = queue?.discipline;
  if (discipline === 'lifo' || discipline === 'random') {
    findings.push({
      code: 'ROUTING',
      path: ['queue', 'discipline'],
      message: `queue.discipline is ${discipline}, but skill-based routing answers by order of arrival (fifo) or by priority`,
      hint: 'use discipline fifo (same rules for everyone) or priority',
    });
  }
  return findings;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A weekly demand whose lists run past midnight (the intervals would fall on the next day),
 * or that puts calls in intervals when the line is closed (they would silently not happen:
 * usually the lists start at another time than `from`, or the interval length is wrong).
 */
function weeklyDemandFindings(data: Record<string, unknown>): RealismFinding[] {
  const arrivals = record(data.arrivals);
  const weekly = record(arrivals?.weekly);
  if (weekly === undefined) return [];
  const length = [15, 30, 60].includes(arrivals?.intervalMinutes as number) ? (arrivals!.intervalMinutes as number) : arrivals?.intervalMinutes === undefined ? 60 : undefined;
  const windows = (Array.isArray(data.openingHours) ? data.openingHours : []).map((text) =>
    typeof text === 'string' ? text.split('-').map(minutesOf) : [undefined],
  );
  if (length === undefined || windows.length === 0 || windows.some((w) => w[0] === undefined || w[1] === undefined)) return [];
  const from = arrivals?.from === undefined ? Math.min(...windows.map((w) => w[0]!)) : minutesOf(arrivals.from);
  if (from === undefined) return [];
  const findings: RealismFinding[] = [];
  for (const [day, list] of Object.entries(weekly)) {
    if (!Array.isArray(list)) continue;
    const beyond = Math.ceil((24 * 60 - from) / length);
    if (list.length > beyond) {
      findings.push({
        code: 'WEEKLY_BEYOND_DAY',
        path: ['arrivals', 'weekly', day, beyond],
        message: `arrivals.weekly.${day} has ${list.length} intervals of ${length} min from ${clock(from)}: from item ${beyond} on they fall after midnight`,
        hint: `give at most ${beyond} counts per day, starting at ${clock(from)} (set arrivals.from or arrivals.intervalMinutes if the lists start elsewhere)`,
      });
      continue;
    }
    const closed = list.flatMap((calls, index) => {
      const start = from + index * length;
      const open = windows.some(([a, b]) => start < b! && start + length > a!);
      return typeof calls === 'number' && calls > 0 && !open ? [index] : [];
    });
    if (closed.length > 0) {
      const first = closed[0]!;
      findings.push({
        code: 'WEEKLY_WHILE_CLOSED',
        path: ['arrivals', 'weekly', day, first],
        message: `arrivals.weekly.${day}[${first}] (${clock(from + first * length)}–${clock(from + (first + 1) * length)}) has calls but the line is closed then, so they are not simulated${closed.length > 1 ? ` (nor those of ${closed.length - 1} more closed interval${closed.length > 2 ? 's' : ''} in the list)` : ''}`,
        hint: `check that the lists start at arrivals.from (${clock(from)}) with ${length}-minute intervals, or widen openingHours`,
      });
    }
  }
  return findings;
}
