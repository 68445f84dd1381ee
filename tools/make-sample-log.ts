/**
 * Generates samples/call-log.csv: a synthetic but realistic Asterisk CDR log (cdr_csv
 * layout) of a small two-queue centre, with known true parameters, so that
 * `callfloor calibrate` can be checked against the truth (see samples/README.md).
 *
 *   node --import tsx tools/make-sample-log.ts [target]
 *
 * How: the queue calls come from callfloor's own simulator (`runScenario` with
 * `onRecord`) run on {@link TRUE_SCENARIO} — Poisson arrivals on a daily profile,
 * lognormal handle times, Weibull patience, a fixed number of agents answering both queues
 * FIFO, and callers who hung up calling again ({@link TRUE_RETRIAL}). Each simulated day
 * becomes a weekday (Monday to Friday, four weeks from {@link FIRST_DATE}). Then, with their
 * own seeded streams: caller ids (one per customer, a share hidden), and rows that are not
 * queue calls (outbound, internal, after-hours voicemail, failed) that calibration must skip.
 * Times are whole seconds (truncated), as Asterisk writes them. Rows are in end-time
 * order, as cdr_csv appends them at hang-up. Same seed, same file, byte for byte.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isRetry, type CallRecord } from '../src/domain/call.ts';
import { scenarioSchema, type ScenarioInput } from '../src/scenario/schema.ts';
import { createStream, type RandomStream } from '../src/kernel/rng.ts';
import { runScenario } from '../src/sim/run.ts';

/** Where the bundled sample lives. */
export const SAMPLE_PATH = fileURLToPath(new URL('../samples/call-log.csv', import.meta.url));

/** Master seed of the sample (the simulator's run.seed, and the seed of every extra stream). */
export const SAMPLE_SEED = 20_260_202;
/** The first simulated day, a Monday. */
export const FIRST_DATE = '2026-02-02';
/** Four weeks of Monday to Friday. */
export const SAMPLE_DAYS = 20;

/** The true daily profile of first calls (retrials come on top): calls per hour from each half hour (08:00–18:00). */
export const TRUE_PROFILE: ReadonlyArray<{ at: string; callsPerHour: number }> = [
  { at: '08:00', callsPerHour: 19 },
  { at: '08:30', callsPerHour: 30 },
  { at: '09:00', callsPerHour: 40 },
  { at: '09:30', callsPerHour: 48 },
  { at: '10:00', callsPerHour: 53 },
  { at: '10:30', callsPerHour: 55 },
  { at: '11:00', callsPerHour: 52 },
  { at: '11:30', callsPerHour: 45 },
  { at: '12:00', callsPerHour: 35 },
  { at: '12:30', callsPerHour: 26 },
  { at: '13:00', callsPerHour: 23 },
  { at: '13:30', callsPerHour: 30 },
  { at: '14:00', callsPerHour: 40 },
  { at: '14:30', callsPerHour: 47 },
  { at: '15:00', callsPerHour: 50 },
  { at: '15:30', callsPerHour: 47 },
  { at: '16:00', callsPerHour: 40 },
  { at: '16:30', callsPerHour: 33 },
  { at: '17:00', callsPerHour: 26 },
  { at: '17:30', callsPerHour: 19 },
];

/** True parameters per queue: share of calls, lognormal talk time, Weibull patience. */
export const TRUE_QUEUES = {
  sales: { share: 0.45, handleTime: { mean: 150, cv: 0.7 }, patience: { shape: 0.8, scale: 110 } },
  support: { share: 0.55, handleTime: { mean: 280, cv: 0.9 }, patience: { shape: 1.4, scale: 160 } },
} as const;

/** Agents answering both queues (FIFO), all day. */
export const TRUE_AGENTS = 4;
/**
 * Callers who hung up call again (the simulator's own retrials, both queues): with this
 * probability, after a lognormal delay from the hang-up, at most this many calls in all.
 */
export const TRUE_RETRIAL = { afterAbandoned: 0.35, delay: { dist: 'lognormal' as const, mean: 600, cv: 1 }, maxAttempts: 3 } as const;
/** The retrial window calibration uses by default (--retrial-window). */
export const RETRIAL_WINDOW_SECONDS = 1800;
/** Share of callers whose number is hidden (`anonymous`). */
export const HIDDEN_CALLER_SHARE = 0.05;

/** The scenario the queue calls are simulated from (the bundled sample: {@link SAMPLE_DAYS} days, {@link SAMPLE_SEED}). */
export function trueScenario(days = SAMPLE_DAYS, seed = SAMPLE_SEED): ScenarioInput {
  return { ...TRUE_SCENARIO, run: { days, replications: 1, seed, intervalMinutes: 30 } };
}

export const TRUE_SCENARIO: ScenarioInput = {
  name: 'Sample centre (truth behind samples/call-log.csv)',
  language: 'en',
  run: { days: SAMPLE_DAYS, replications: 1, seed: SAMPLE_SEED, intervalMinutes: 30 },
  openingHours: ['08:00-18:00'],
  arrivals: { profile: TRUE_PROFILE.map((step) => ({ ...step })) },
  callerTypes: Object.entries(TRUE_QUEUES).map(([id, queue]) => ({
    id,
    share: queue.share,
    patience: { dist: 'weibull' as const, ...queue.patience },
    problem: id,
    retrial: { ...TRUE_RETRIAL, delay: { ...TRUE_RETRIAL.delay } },
  })),
  problemTypes: Object.entries(TRUE_QUEUES).map(([id, queue]) => ({ id, handleTime: { dist: 'lognormal' as const, ...queue.handleTime } })),
  agents: { count: TRUE_AGENTS },
};

/** What the generator knows that the log does not say directly, for tests and the README. */
export interface SampleTruth {
  readonly queueCalls: number;
  readonly abandoned: number;
  /** Calls that were a retrial (the simulator's attempt > 0). */
  readonly retrials: number;
  /** Of those, how many have a caller id (the callers whose number is hidden hide it on every call). */
  readonly retrialsIdentified: number;
  /** The longest chain of calls of one customer. */
  readonly longestChain: number;
  readonly skippedRows: Readonly<Record<string, number>>;
  readonly rows: number;
}

const SECONDS_PER_DAY = 86_400;

/** Wall-clock seconds (as UTC) of the start of simulated day `day` (weekdays only). */
function dayStart(day: number): number {
  const first = Date.parse(`${FIRST_DATE}T00:00:00Z`) / 1000;
  return first + (Math.floor(day / 5) * 7 + (day % 5)) * SECONDS_PER_DAY;
}

/** Simulation seconds → wall-clock seconds on the calendar (each simulated day a weekday). */
function wallOf(simulationSeconds: number): number {
  const day = Math.floor(simulationSeconds / SECONDS_PER_DAY);
  return dayStart(day) + (simulationSeconds - day * SECONDS_PER_DAY);
}

/** Simulation seconds → wall-clock seconds when the simulation runs whole weeks (weekends closed). */
function wallOfWeeks(simulationSeconds: number): number {
  return Date.parse(`${FIRST_DATE}T00:00:00Z`) / 1000 + simulationSeconds;
}

function stamp(wall: number): string {
  return new Date(Math.floor(wall) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A CSV field as cdr_csv writes text: always quoted, quotes doubled. */
const quoted = (text: string): string => `"${text.replaceAll('"', '""')}"`;

interface Row {
  readonly end: number;
  readonly order: number;
  readonly text: string;
}

function phoneNumber(rng: RandomStream): string {
  // Italian-looking numbers: mobiles 3xx xxxxxxx, landlines 0x xxxxxxxx.
  const mobile = rng.next() < 0.7;
  const digits = Array.from({ length: mobile ? 9 : 8 }, () => Math.floor(rng.next() * 10)).join('');
  return mobile ? `3${digits}` : `0${digits}`;
}

export interface SampleOptions {
  /** Seed of the simulation and of every extra stream ({@link SAMPLE_SEED}). */
  readonly seed?: number;
  /** Weekdays simulated ({@link SAMPLE_DAYS}). */
  readonly days?: number;
  /**
   * Mondays this many times as busy as the other weekdays (the true profile is then a
   * Tuesday's). The simulation then runs whole weeks with closed weekends (calendar), so
   * retrials due on a weekend come on Monday. Not in the bundled sample.
   */
  readonly mondayFactor?: number;
}

/**
 * Builds the sample log text and what is true about it. The defaults give the bundled
 * file; tests use other seeds and longer spans to measure the estimators.
 */
export function makeSampleLog(options: SampleOptions = {}): { text: string; truth: SampleTruth } {
  const seed = options.seed ?? SAMPLE_SEED;
  const days = options.days ?? SAMPLE_DAYS;
  const weeks = options.mondayFactor !== undefined;
  const base = trueScenario(days, seed);
  const scenario = scenarioSchema.parse(
    weeks
      ? {
          ...base,
          run: { ...base.run, days: Math.floor((days - 1) / 5) * 7 + ((days - 1) % 5) + 1 },
          calendar: { startsOn: 'monday', weekdays: { monday: options.mondayFactor, saturday: 0, sunday: 0 } },
        }
      : base,
  );
  const wall = weeks ? wallOfWeeks : wallOf;
  const records: CallRecord[] = [];
  runScenario(scenario, { onRecord: (record) => records.push(record) });
  records.sort((a, b) => a.arrival - b.arrival || a.id - b.id);

  // Caller ids, one per customer: a customer's retrials come from the same number.
  const numbers = createStream(seed, 'sample:callerIds');
  const numberOf = new Map<number, string | null>();
  const callerOf = records.map((record) => {
    const customer = record.customer ?? record.id;
    let caller = numberOf.get(customer);
    if (caller === undefined) {
      caller = numbers.next() < HIDDEN_CALLER_SHARE ? null : phoneNumber(numbers);
      numberOf.set(customer, caller);
    }
    return caller;
  });
  const retrials = records.filter(isRetry).length;
  const retrialsIdentified = records.filter((record, i) => isRetry(record) && callerOf[i] !== null).length;
  const longestChain = 1 + records.reduce((longest, record) => Math.max(longest, record.attempt ?? 0), 0);

  const rows: Row[] = [];
  let sequence = 0;
  const uniqueid = (wallStart: number): string => `${Math.floor(wallStart) - 3600}.${sequence++}`;
  const channelId = (): string => (0x1000 + sequence * 2).toString(16).padStart(8, '0');
  const cdr = (fields: {
    src: string;
    dst: string;
    dcontext: string;
    clid: string;
    channel: string;
    dstchannel: string;
    lastapp: string;
    lastdata: string;
    start: number;
    answer: number | null;
    end: number;
    disposition: string;
  }): string => {
    const start = Math.floor(fields.start);
    const end = Math.floor(fields.end);
    const answer = fields.answer === null ? null : Math.floor(fields.answer);
    return [
      quoted(''),
      quoted(fields.src),
      quoted(fields.dst),
      quoted(fields.dcontext),
      quoted(fields.clid),
      quoted(fields.channel),
      quoted(fields.dstchannel),
      quoted(fields.lastapp),
      quoted(fields.lastdata),
      quoted(stamp(start)),
      quoted(answer === null ? '' : stamp(answer)),
      quoted(stamp(end)),
      String(end - start),
      String(answer === null ? 0 : end - answer),
      quoted(fields.disposition),
      quoted('DOCUMENTATION'),
      quoted(uniqueid(start)),
      quoted(''),
    ].join(',');
  };

  records.forEach((record, i) => {
    const caller = callerOf[i] ?? 'anonymous';
    const start = wall(record.arrival);
    const answered = !Number.isNaN(record.answer);
    const trunk = `PJSIP/trunk-${channelId()}`;
    rows.push({
      end: Math.floor(wall(record.end)),
      order: rows.length,
      text: cdr({
        src: caller,
        dst: record.problem === 'sales' ? '800' : '801',
        dcontext: 'from-trunk',
        clid: caller === 'anonymous' ? '"" <anonymous>' : `"" <${caller}>`,
        channel: trunk,
        dstchannel: answered ? `PJSIP/${201 + record.agent}-${channelId()}` : '',
        lastapp: 'Queue',
        lastdata: `${record.problem},t`,
        start,
        answer: answered ? wall(record.answer) : null,
        end: wall(record.end),
        disposition: answered ? 'ANSWERED' : 'NO ANSWER',
      }),
    });
  });

  // Rows calibration must skip, each from its own stream.
  const skippedRows: Record<string, number> = { outbound: 0, internal: 0, voicemail: 0, failed: 0 };
  const extras = createStream(seed, 'sample:otherRows');
  const exponential = (mean: number): number => -mean * Math.log(1 - extras.next());
  for (let day = 0; day < days; day++) {
    const base = dayStart(day);
    const add = (kind: string, start: number, row: Parameters<typeof cdr>[0]): void => {
      skippedRows[kind]!++;
      rows.push({ end: Math.floor(start + (row.end - row.start)), order: rows.length, text: cdr(row) });
    };
    // Outbound calls from the agents' extensions, 08:00–18:00 (about 12 a day).
    for (let t = 8 * 3600 + exponential(3000); t < 18 * 3600; t += exponential(3000)) {
      const start = base + t;
      const extension = String(201 + Math.floor(extras.next() * TRUE_AGENTS));
      const ring = 5 + extras.next() * 20;
      const answered = extras.next() < 0.8;
      const talk = answered ? exponential(180) : 0;
      add('outbound', start, {
        src: extension,
        dst: phoneNumber(extras),
        dcontext: 'from-internal',
        clid: `"Agent ${extension}" <${extension}>`,
        channel: `PJSIP/${extension}-${channelId()}`,
        dstchannel: `PJSIP/trunk-${channelId()}`,
        lastapp: 'Dial',
        lastdata: 'PJSIP/trunk,60',
        start,
        answer: answered ? start + ring : null,
        end: start + ring + talk,
        disposition: answered ? 'ANSWERED' : 'NO ANSWER',
      });
    }
    // Internal calls between extensions (about 4 a day).
    for (let t = 8 * 3600 + exponential(9000); t < 18 * 3600; t += exponential(9000)) {
      const start = base + t;
      const from = 201 + Math.floor(extras.next() * TRUE_AGENTS);
      const to = 201 + ((from - 201 + 1 + Math.floor(extras.next() * (TRUE_AGENTS - 1))) % TRUE_AGENTS);
      add('internal', start, {
        src: String(from),
        dst: String(to),
        dcontext: 'from-internal',
        clid: `"Agent ${from}" <${from}>`,
        channel: `PJSIP/${from}-${channelId()}`,
        dstchannel: `PJSIP/${to}-${channelId()}`,
        lastapp: 'Dial',
        lastdata: `PJSIP/${to},30`,
        start,
        answer: start + 3,
        end: start + 3 + exponential(60),
        disposition: 'ANSWERED',
      });
    }
    // After-hours callers reaching the voicemail (07:00–08:00 and 18:00–20:00, about 10 a day).
    for (const [from, to] of [
      [7 * 3600, 8 * 3600],
      [18 * 3600, 20 * 3600],
    ] as const) {
      for (let t = from + exponential(1000); t < to; t += exponential(1000)) {
        const start = base + t;
        const caller = phoneNumber(extras);
        add('voicemail', start, {
          src: caller,
          dst: 's',
          dcontext: 'closed',
          clid: `"" <${caller}>`,
          channel: `PJSIP/trunk-${channelId()}`,
          dstchannel: '',
          lastapp: 'VoiceMail',
          lastdata: '100@default,u',
          start,
          answer: start,
          end: start + 10 + exponential(25),
          disposition: 'ANSWERED',
        });
      }
    }
    // A failed inbound call now and then (trunk trouble: about one a week).
    if (extras.next() < 0.2) {
      const start = base + 8 * 3600 + extras.next() * 36_000;
      const caller = phoneNumber(extras);
      add('failed', start, {
        src: caller,
        dst: '800',
        dcontext: 'from-trunk',
        clid: `"" <${caller}>`,
        channel: `PJSIP/trunk-${channelId()}`,
        dstchannel: '',
        lastapp: 'Queue',
        lastdata: 'sales,t',
        start,
        answer: null,
        end: start,
        disposition: 'FAILED',
      });
    }
  }

  rows.sort((a, b) => a.end - b.end || a.order - b.order);
  const abandoned = records.filter((record) => record.outcome === 'abandoned').length;
  return {
    text: rows.map((row) => row.text).join('\n') + '\n',
    truth: { queueCalls: records.length, abandoned, retrials, retrialsIdentified, longestChain, skippedRows, rows: rows.length },
  };
}

/** Calls per hour from 09:00, each half hour, on an ordinary weekday of the weekly log. */
export const WEEKLY_BASE_PROFILE: readonly number[] = [20, 30, 40, 50, 50, 40, 30, 30, 40, 50, 50, 40, 30, 20, 15, 10];
/** The first date of the weekly log, a Monday. */
export const WEEKLY_FIRST_DATE = '2026-03-02';

/** True rate of the weekly log on a weekday (1 = Monday … 5 = Friday) in half hour i: Mondays twice as busy, Friday afternoons half. */
export function weeklyRate(weekday: number, i: number): number {
  return WEEKLY_BASE_PROFILE[i]! * (weekday === 1 ? 2 : weekday === 5 && i >= 8 ? 0.5 : 1);
}

export interface WeeklyLogOptions {
  /** Weeks, Monday to Friday, from {@link WEEKLY_FIRST_DATE} (8). */
  readonly weeks?: number;
  /** Days of the log (1 = the first Monday) with no calls at all: holidays. */
  readonly holidays?: readonly number[];
}

/**
 * A generic CSV (header `arrival,answer,end,queue`) whose weekdays differ: Poisson arrivals
 * from 09:00 to 17:00 at {@link weeklyRate}, every call answered at once and talked for 30 s
 * plus an exponential 120 s. For the weekly demand of `callfloor calibrate`.
 */
export function makeWeeklyLog(options: WeeklyLogOptions = {}): string[] {
  const weeks = options.weeks ?? 8;
  const holidays = new Set(options.holidays ?? []);
  const rng = createStream(2026, 'weeklyLog');
  const exponential = (mean: number): number => -mean * Math.log(1 - rng.next());
  const monday = Date.parse(`${WEEKLY_FIRST_DATE}T00:00:00Z`) / 1000;
  const rows = ['arrival,answer,end,queue'];
  for (let day = 0; day < weeks * 7; day++) {
    const weekday = (day % 7) + 1;
    if (weekday > 5 || holidays.has(day + 1)) continue;
    WEEKLY_BASE_PROFILE.forEach((_, i) => {
      const start = monday + day * SECONDS_PER_DAY + 9 * 3600 + i * 1800;
      const mean = 3600 / weeklyRate(weekday, i);
      for (let t = exponential(mean); t < 1800; t += exponential(mean)) {
        const arrival = start + t;
        rows.push(`${stamp(arrival)},${stamp(arrival)},${stamp(arrival + 30 + exponential(120))},line`);
      }
    });
  }
  return rows;
}

/** Writes a text file atomically (a temporary file renamed over the target). */
async function writeAtomically(target: string, text: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--weekly') {
    // node --import tsx tools/make-sample-log.ts --weekly weekly.csv: 8 weeks, a holiday on the third Thursday.
    const target = process.argv[3] ?? 'weekly-log.csv';
    const lines = makeWeeklyLog({ holidays: [18] });
    await writeAtomically(target, lines.join('\n') + '\n');
    process.stdout.write(`${target}: ${lines.length - 1} calls\n`);
  } else {
    const target = process.argv[2] ?? SAMPLE_PATH;
    const { text, truth } = makeSampleLog();
    await writeAtomically(target, text);
    process.stdout.write(`${target}: ${truth.rows} rows, ${(text.length / 1024 / 1024).toFixed(2)} MB\n${JSON.stringify(truth, null, 2)}\n`);
  }
}
