/**
 * The three log formats say the same thing about the same calls: the bundled Asterisk CDR
 * sample, rewritten as a generic CSV (ISO 8601 with offsets, `;`, other column names, a
 * --map) and as an Asterisk queue_log (Unix times, --tz), calibrates to the same
 * estimates. Plus the format details: skipped rows by reason, repeated CDRs, busy
 * signals, header rows, time zones across daylight saving, agents from concurrency,
 * retrials, and the bounded-memory reservoir.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrateLines, type Calibration } from '../../src/calibrate/calibrate.ts';
import { CsvParser } from '../../src/calibrate/csv.ts';
import { parseColumnMap } from '../../src/calibrate/formats/generic.ts';
import { parseScenario } from '../../src/scenario/load.ts';

const SAMPLE = 'samples/call-log.csv';
const sampleLines = readFileSync(SAMPLE, 'utf8').split('\n');

interface CdrCall {
  src: string;
  queue: string;
  start: string;
  answer: string;
  end: string;
  disposition: string;
  uniqueid: string;
}

/** The queue calls of the bundled sample, as parsed fields. */
function sampleQueueCalls(): CdrCall[] {
  const parser = new CsvParser();
  const calls: CdrCall[] = [];
  for (const line of sampleLines) {
    const record = parser.push(line);
    if (!record || record.fields[7] !== 'Queue' || record.fields[14] === 'FAILED') continue;
    const f = record.fields;
    calls.push({ src: f[1]!, queue: f[8]!.split(',')[0]!, start: f[9]!, answer: f[10]!, end: f[11]!, disposition: f[14]!, uniqueid: f[16]! });
  }
  return calls;
}

/** `2026-02-02 09:00:00` (Rome, winter) → `2026-02-02T09:00:00+01:00`. */
const iso = (local: string): string => (local === '' ? '' : `${local.replace(' ', 'T')}+01:00`);
/** Rome winter local time → Unix seconds. */
const epoch = (local: string): number => Date.parse(`${local.replace(' ', 'T')}+01:00`) / 1000;

/** The figures that must not depend on the format. */
function essentials(calibration: Calibration) {
  const e = calibration.estimates;
  return {
    calls: e.reading.statistics.calls,
    days: e.activeDays,
    openingHours: e.openingHours,
    profile: e.intervals.filter((i) => i.open).map((i) => i.calls),
    agents: e.agents.count,
    retrials: e.retrials.afterUnanswered,
    observed: { abandonment: e.observed.total.abandonmentRate, serviceLevel: e.observed.total.serviceLevel, asa: e.observed.total.asa },
    queues: e.queues.map((q) => ({
      id: q.id,
      calls: q.calls,
      handleMean: q.handleTime.chosen.mean,
      handleCv: q.handleTime.chosen.cv,
      shape: q.patience.weibull?.shape,
      scale: q.patience.weibull?.scale,
    })),
  };
}

describe('formats agree on the same calls', () => {
  const calls = sampleQueueCalls();
  let asterisk: ReturnType<typeof essentials>;

  it('asterisk CDR (the bundled sample)', async () => {
    asterisk = essentials(await calibrateLines(sampleLines, SAMPLE));
    expect(asterisk.calls).toBe(calls.length);
  });

  it('generic CSV with ISO 8601 offsets, semicolons, other column names and --map', async () => {
    const rows = ['Inizio;Risposta;Fine;Coda;Chiamante;Esito'];
    for (const call of calls) {
      rows.push([iso(call.start), iso(call.answer), iso(call.end), call.queue, call.src, call.disposition === 'ANSWERED' ? 'answered' : 'abandoned'].join(';'));
    }
    const { map, explicit } = parseColumnMap('arrival=Inizio,answer=Risposta,end=Fine,queue=Coda,caller=Chiamante,outcome=Esito');
    const generic = await calibrateLines(rows, 'generic.csv', { format: 'generic', columnMap: map, explicitColumns: explicit });
    expect(generic.estimates.reading.timeBasis).toBe('UTC offset +01:00');
    expect(essentials(generic)).toEqual(asterisk);
  });

  it('Asterisk queue_log with Unix times and --tz', async () => {
    const lines: Array<[number, string]> = [];
    for (const call of calls) {
      const id = call.uniqueid;
      const start = epoch(call.start);
      const end = epoch(call.end);
      lines.push([start, `${start}|${id}|${call.queue}|NONE|ENTERQUEUE||${call.src}|1`]);
      if (call.answer !== '') {
        const answer = epoch(call.answer);
        lines.push([answer, `${answer}|${id}|${call.queue}|PJSIP/201|CONNECT|${answer - start}|${id}.1|2`]);
        lines.push([end, `${end}|${id}|${call.queue}|PJSIP/201|COMPLETECALLER|${answer - start}|${end - answer}|1`]);
      } else {
        lines.push([end, `${end}|${id}|${call.queue}|NONE|ABANDON|1|1|${end - start}`]);
      }
    }
    lines.sort((a, b) => a[0] - b[0]);
    const queueLog = await calibrateLines(
      lines.map(([, text]) => text),
      'queue_log',
      { format: 'queue_log', timeZone: 'Europe/Rome' },
    );
    expect(essentials(queueLog)).toEqual(asterisk);
  });
});

const cdr = (fields: Partial<Record<'src' | 'dst' | 'app' | 'data' | 'start' | 'answer' | 'end' | 'disposition' | 'uniqueid', string>>): string =>
  [
    '',
    fields.src ?? '3471234567',
    fields.dst ?? '800',
    'from-trunk',
    '',
    'PJSIP/trunk-1',
    fields.answer ? 'PJSIP/201-2' : '',
    fields.app ?? 'Queue',
    fields.data ?? 'sales,t',
    fields.start ?? '2026-03-02 09:00:00',
    fields.answer ?? '',
    fields.end ?? '2026-03-02 09:05:00',
    '0',
    '0',
    fields.disposition ?? (fields.answer ? 'ANSWERED' : 'NO ANSWER'),
    'DOCUMENTATION',
    fields.uniqueid ?? '',
    '',
  ]
    .map((field, i) => (i === 12 || i === 13 ? field : `"${field}"`))
    .join(',');

describe('asterisk details', () => {
  const base = [
    cdr({ start: '2026-03-02 09:00:00', answer: '2026-03-02 09:00:05', end: '2026-03-02 09:04:00', uniqueid: 'a' }),
    cdr({ src: '3470000002', start: '2026-03-02 09:01:00', answer: '2026-03-02 09:01:30', end: '2026-03-02 09:06:00', uniqueid: 'b' }),
    cdr({ src: '3470000003', start: '2026-03-02 09:02:00', answer: '2026-03-02 09:02:40', end: '2026-03-02 09:03:00', uniqueid: 'c' }),
    cdr({ src: '3470000004', start: '2026-03-02 09:02:10', end: '2026-03-02 09:02:50', uniqueid: 'd' }),
  ];

  it('counts skipped rows by reason: outbound, internal, other applications, FAILED, repeated CDRs', async () => {
    const lines = [
      ...base,
      cdr({ src: '201', dst: '3471234567', app: 'Dial', uniqueid: 'e' }),
      cdr({ src: '201', dst: '202', app: 'Dial', uniqueid: 'f' }),
      cdr({ dst: 's', app: 'VoiceMail', uniqueid: 'g' }),
      cdr({ disposition: 'FAILED', uniqueid: 'h' }),
      cdr({ start: '2026-03-02 09:00:00', answer: '2026-03-02 09:00:05', end: '2026-03-02 09:04:00', uniqueid: 'a' }),
    ];
    const { estimates } = await calibrateLines(lines, 'x.csv');
    expect(estimates.reading.rows).toBe(9);
    expect(estimates.reading.statistics.calls).toBe(4);
    expect(Object.fromEntries(estimates.reading.skipped.map((s) => [s.reason, [s.count, s.firstLine]]))).toEqual({
      'outbound call (from an internal extension)': [1, 5],
      'internal call (extension to extension)': [1, 6],
      'not a queue call (last application VoiceMail)': [1, 7],
      'FAILED disposition (the call never reached the queue)': [1, 8],
      'repeated CDR of the same call (same uniqueid)': [1, 9],
    });
  });

  it('agents are the most calls in conversation at once; a call ending when another starts does not overlap', async () => {
    const { estimates } = await calibrateLines(base, 'x.csv');
    // a 09:00:05–09:04:00, b 09:01:30–09:06:00, c 09:02:40–09:03:00: three at once.
    expect(estimates.agents.count).toBe(3);
    expect(estimates.agents.from).toBe('estimated');
    const back2back = [
      cdr({ start: '2026-03-02 09:00:00', answer: '2026-03-02 09:00:00', end: '2026-03-02 09:02:00', uniqueid: 'x' }),
      cdr({ src: '3470000009', start: '2026-03-02 09:01:00', answer: '2026-03-02 09:02:00', end: '2026-03-02 09:03:00', uniqueid: 'y' }),
    ];
    expect((await calibrateLines(back2back, 'x.csv')).estimates.agents.count).toBe(1);
    expect((await calibrateLines(base, 'x.csv', { agents: 7 })).estimates.agents).toMatchObject({ count: 7, from: 'option' });
  });

  it('busy signals (BUSY) count as blocked, and make the queue capacity the most callers waiting at once', async () => {
    const lines = [...base, cdr({ src: '3470000005', start: '2026-03-02 09:02:20', end: '2026-03-02 09:02:20', disposition: 'BUSY', uniqueid: 'i' })];
    const { estimates, yaml } = await calibrateLines(lines, 'x.csv');
    expect(estimates.observed.total.blocked).toBe(1);
    // Waiting: b 09:01:00–09:01:30; c 09:02:00–09:02:40 and d 09:02:10–09:02:50 overlap → 2.
    expect(estimates.queueCapacity.capacity).toBe(2);
    expect(yaml).toMatch(/capacity: 2 # busy signals seen/);
  });

  it('reads a header row naming the columns, in any order', async () => {
    const header = '"accountcode","src","dst","dcontext","clid","channel","dstchannel","lastapp","lastdata","start","answer","end","duration","billsec","disposition","amaflags","uniqueid","userfield"';
    const withHeader = await calibrateLines([header, ...base], 'x.csv');
    const without = await calibrateLines(base, 'x.csv');
    expect(withHeader.estimates.reading.rows).toBe(4);
    expect(essentials(withHeader)).toEqual(essentials(without));
  });

  it('retrials: the same caller id within the window after an unanswered call', async () => {
    const lines = [
      cdr({ src: '3479990001', start: '2026-03-02 09:00:00', end: '2026-03-02 09:01:00', uniqueid: '1' }),
      cdr({ src: '3479990001', start: '2026-03-02 09:20:00', answer: '2026-03-02 09:20:05', end: '2026-03-02 09:25:00', uniqueid: '2' }),
      cdr({ src: '3479990002', start: '2026-03-02 09:00:00', end: '2026-03-02 09:01:00', uniqueid: '3' }),
      cdr({ src: '3479990002', start: '2026-03-02 09:40:00', answer: '2026-03-02 09:40:05', end: '2026-03-02 09:45:00', uniqueid: '4' }),
      cdr({ src: '3479990001', start: '2026-03-02 09:30:00', answer: '2026-03-02 09:30:05', end: '2026-03-02 09:31:00', uniqueid: '5' }),
      cdr({ src: 'anonymous', start: '2026-03-02 09:02:00', end: '2026-03-02 09:03:00', uniqueid: '6' }),
      cdr({ src: 'anonymous', start: '2026-03-02 09:04:00', end: '2026-03-02 09:05:00', uniqueid: '7' }),
    ];
    const { estimates } = await calibrateLines(lines, 'x.csv', { retrialWindowSeconds: 1800 });
    // 0001 retried after 19 min (a retrial), then called again 5 min after an answered call;
    // 0002 came back after 39 min (outside the window); anonymous callers are never matched.
    expect(estimates.retrials).toMatchObject({ identified: 5, afterUnanswered: 1, afterAnswered: 1 });
    expect(estimates.retrials.unansweredWhoRetried).toBeCloseTo(1 / 2, 12);
  });
});

describe('time zones', () => {
  const header = 'arrival,answer,end,queue,caller';
  // The same local hours before and after Europe/Rome moves to summer time on 2026-03-29.
  const lines = [
    header,
    '2026-03-27T09:10:00+01:00,2026-03-27T09:10:20+01:00,2026-03-27T09:14:00+01:00,sales,3471',
    '2026-03-27T09:20:00+01:00,,2026-03-27T09:21:00+01:00,sales,3472',
    '2026-03-30T07:15:00Z,2026-03-30T07:15:30Z,2026-03-30T07:19:00Z,sales,3473',
    '2026-03-30 09:25:00,,2026-03-30 09:25:45,sales,3474',
  ];

  it('--tz converts offsets and local times to the centre’s wall clock, daylight saving included', async () => {
    const { estimates } = await calibrateLines(lines, 'x.csv', { format: 'generic', timeZone: 'Europe/Rome' });
    const nine = estimates.intervals.find((i) => i.start === '09:00')!;
    expect(nine.calls).toBe(4);
    expect(nine.byWeekday).toEqual([0, 2, 0, 0, 0, 2, 0]);
    expect(estimates.reading.timeBasis).toBe('converted to Europe/Rome local time');
  });

  it('without --tz the same log is refused as mixing time zones', async () => {
    await expect(calibrateLines(lines, 'x.csv', { format: 'generic' })).rejects.toMatchObject({ name: 'LogError' });
  });
});

describe('queue_log details', () => {
  it('EXITWITHTIMEOUT is an unanswered call but a censored wait for patience; FULL is a busy signal', async () => {
    const t = 1_772_438_400; // 2026-03-02 09:00 in Rome
    const lines = [
      `${t}|1|sales|NONE|ENTERQUEUE||3471|1`,
      `${t + 5}|1|sales|PJSIP/201|CONNECT|5|1.1|2`,
      `${t + 100}|2|sales|NONE|ENTERQUEUE||3472|1`,
      `${t + 185}|1|sales|PJSIP/201|COMPLETEAGENT|5|180|1`,
      `${t + 400}|2|sales|NONE|EXITWITHTIMEOUT|1|1|300`,
      `${t + 500}|3|sales|NONE|ENTERQUEUE||3473|1`,
      `${t + 560}|3|sales|NONE|ABANDON|1|1|60`,
      `${t + 600}|4|sales|NONE|FULL|||`,
      `${t + 700}|5|sales|NONE|ENTERQUEUE||3475|1`,
      `${t + 710}|5|sales|PJSIP/202|CONNECT|10|5.1|2`,
      `${t + 830}|5|sales|PJSIP/202|COMPLETECALLER|10|120|1`,
      `${t + 901}|NONE|NONE|PJSIP/201|AGENTLOGOFF|`,
    ];
    const { estimates } = await calibrateLines(lines, 'queue_log', { format: 'queue_log', timeZone: 'Europe/Rome' });
    const total = estimates.observed.total;
    expect([total.offered, total.answered, total.abandoned, total.blocked]).toEqual([5, 2, 2, 1]);
    // Waits: 5 s and 10 s answered (censored), 300 s dropped by the queue (censored), 60 s hung up (event).
    expect(estimates.queues[0]!.patience).toMatchObject({ events: 1, censored: 3 });
    expect(estimates.intervals.find((i) => i.start === '09:00')!.calls).toBe(5);
    expect(estimates.queues[0]!.handleTime.sampleMean).toBe(150);
  });
});

describe('bounded memory', () => {
  it('with --max-samples the fits use a seeded random sample, say so, and stay close to the full-data fits', async () => {
    const full = await calibrateLines(sampleLines, SAMPLE);
    const sampled = await calibrateLines(sampleLines, SAMPLE, { maxSamples: 1500 });
    const again = await calibrateLines(sampleLines, SAMPLE, { maxSamples: 1500 });
    expect(sampled.estimates.sampled).toBe(true);
    expect(full.estimates.sampled).toBe(false);
    expect(sampled.yaml).toContain('random sample (reservoir) of at most 1,500 calls per queue');
    expect(again.yaml).toBe(sampled.yaml);
    for (const [i, queue] of sampled.estimates.queues.entries()) {
      const reference = full.estimates.queues[i]!;
      expect(queue.patience.n).toBeLessThanOrEqual(1500);
      expect(Math.abs(queue.handleTime.chosen.mean / reference.handleTime.chosen.mean - 1)).toBeLessThan(0.1);
      expect(Math.abs(queue.patience.weibull!.shape - reference.patience.weibull!.shape)).toBeLessThan(4 * queue.patience.weibull!.shapeStandardError);
      // Counts and KPIs are not sampled: every call is counted.
      expect(queue.calls).toBe(reference.calls);
    }
    expect(sampled.estimates.observed.total).toEqual(full.estimates.observed.total);
    expect(parseScenario(sampled.yaml, 'sampled.yaml').ok).toBe(true);
  });
});
