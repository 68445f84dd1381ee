/**
 * The fit report: what was read, what was skipped and why, every fit with its
 * alternatives, the per-interval and per-weekday tables, and the `--check` comparison.
 * Pure: estimates in, text or JSON-ready data out.
 */
import { renderTable } from '../report/format.ts';
import type { CheckResult, KpiComparison } from './check.ts';
import { WEEKDAY_NAMES, type Estimates, type QueueEstimate } from './estimate.ts';
import type { DelayCandidate } from './delayFit.ts';
import type { CompleteFit, ExponentialFit, HandleTimeFit, KaplanMeier, PatienceFit, WeibullFit } from './fit.ts';
import { LOW_COVERAGE, type RetrialProbability } from './retrialEstimate.ts';
import { formatP } from './weeklyDemand.ts';

const count = (value: number): string => Math.round(value).toLocaleString('en-GB');
const percent = (rate: number, digits = 1): string => (Number.isFinite(rate) ? `${(rate * 100).toFixed(digits)}%` : '—');
const seconds = (value: number): string => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} s` : '—');
const signedPercent = (rate: number): string => (Number.isFinite(rate) ? `${rate >= 0 ? '+' : ''}${(rate * 100).toFixed(1)}%` : '—');
const round = (value: number, digits = 4): number => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

/** Times (seconds) at which the Kaplan–Meier curve is reported. */
const KM_GRID = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 450, 600, 900];

function completeFitJson(fit: CompleteFit) {
  return {
    dist: fit.dist,
    mean: round(fit.mean, 2),
    cv: round(fit.cv),
    parameters: Object.fromEntries(Object.entries(fit.parameters).map(([k, v]) => [k, round(v, 6)])),
    logLikelihood: round(fit.logLikelihood, 2),
    aic: round(fit.aic, 2),
    ksDistance: round(fit.ksDistance),
  };
}

function handleTimeJson(fit: HandleTimeFit, from: 'queue' | 'pooled') {
  return {
    what: 'talk time, answer → end (wrap-up is not in call logs)',
    fittedOn: from === 'queue' ? 'this queue' : 'all queues pooled (too few answered calls in this queue)',
    n: fit.n,
    sampleMean: round(fit.sampleMean, 2),
    sampleCv: round(fit.sampleCv),
    chosen: fit.chosen.dist,
    lognormal: completeFitJson(fit.lognormal),
    gamma: completeFitJson(fit.gamma),
  };
}

function kaplanMeierJson(km: KaplanMeier) {
  const tau = Math.min(120, km.maxTime);
  return {
    grid: KM_GRID.filter((t) => t <= km.maxTime).map((time) => {
      const step = [...km.steps].reverse().find((s) => s.time <= time);
      return { time, survival: round(km.survivalAt(time)), standardError: round(step?.standardError ?? 0), atRisk: step?.atRisk ?? null };
    }),
    median: km.median,
    restrictedMean: { tau, seconds: round(km.restrictedMean(tau), 2) },
    longestWait: km.maxTime,
  };
}

function weibullJson(fit: WeibullFit | null) {
  if (fit === null) return null;
  return {
    shape: round(fit.shape),
    shapeStandardError: round(fit.shapeStandardError),
    scale: round(fit.scale, 2),
    scaleStandardError: round(fit.scaleStandardError, 2),
    mean: round(fit.mean, 2),
    logLikelihood: round(fit.logLikelihood, 2),
    aic: round(fit.aic, 2),
  };
}

function exponentialJson(fit: ExponentialFit | null) {
  if (fit === null) return null;
  return { mean: round(fit.mean, 2), meanStandardError: round(fit.meanStandardError, 2), logLikelihood: round(fit.logLikelihood, 2), aic: round(fit.aic, 2) };
}

function patienceJson(fit: PatienceFit) {
  return {
    calls: fit.n,
    hungUp: fit.events,
    answeredAfterWaiting: fit.censored,
    chosen: fit.chosen?.dist ?? null,
    weibull: weibullJson(fit.weibull),
    exponential: exponentialJson(fit.exponential),
    kaplanMeier: kaplanMeierJson(fit.kaplanMeier),
    naiveMeanOfAbandonersWaits: round(fit.naiveMean, 2),
    note: 'censored maximum likelihood: answered calls count as patience longer than their wait; the naive mean ignores them and is biased low',
  };
}

function queueJson(queue: QueueEstimate) {
  return {
    id: queue.id,
    calls: queue.calls,
    share: round(queue.share, 6),
    answered: queue.answered,
    abandoned: queue.abandoned,
    blocked: queue.blocked,
    answeredWithZeroTalk: queue.zeroTalk,
    handleTime: handleTimeJson(queue.handleTime, queue.handleTimeFrom),
    patienceInScenario: queue.patienceFrom,
    patience: patienceJson(queue.patience),
  };
}

function comparisonJson(c: KpiComparison) {
  return { observed: round(c.observed), simulated: round(c.simulated), relativeError: round(c.relativeError) };
}

/** The whole fit report as JSON-ready data. */
export function calibrationToJson(estimates: Estimates, check?: CheckResult) {
  const { reading, options } = estimates;
  const statistics = reading.statistics;
  const weekdays = estimates.days.filter((d) => d.dates > 0);
  const kpi = (k: Estimates['observed']['total']) => ({
    offered: k.offered,
    answered: k.answered,
    abandoned: k.abandoned,
    blocked: k.blocked,
    abandonmentRate: round(k.abandonmentRate),
    serviceLevel: round(k.serviceLevel),
    asa: round(k.asa, 2),
    aht: round(k.aht, 2),
  });
  return {
    source: {
      file: reading.file,
      format: reading.format,
      rows: reading.rows,
      queueCalls: statistics.calls,
      skipped: reading.skipped,
      firstDate: estimates.firstDate,
      lastDate: estimates.lastDate,
      daysWithCalls: estimates.activeDays,
      times: reading.timeBasis,
      sampled: estimates.sampled,
      maxSamplesPerFit: statistics.pooledTalk.capacity,
      concurrencyRowsOutOfOrder: statistics.outOfOrder,
    },
    settings: {
      intervalMinutes: options.intervalMinutes,
      thresholdSeconds: options.thresholdSeconds,
      serviceLevel: 'answered within threshold / offered',
      retrialWindowSeconds: options.retrialWindowSeconds,
      minAbandonsForOwnPatienceFit: options.minAbandons,
    },
    arrivals: {
      how: `calls per hour = ${estimates.retrialModel.written ? 'first calls (calls − retrials)' : 'calls'} in the interval / ${estimates.activeDays} days with calls / ${options.intervalMinutes / 60} h`,
      openingHours: estimates.openingHours,
      openingHoursFrom: estimates.openingHoursFrom,
      callsOutsideHours: estimates.callsOutsideHours,
      demand: demandJson(estimates),
      weekdays: estimates.days,
      intervals: estimates.intervals
        .filter((interval) => interval.calls > 0 || interval.open)
        .map((interval) => ({
          start: interval.start,
          open: interval.open,
          calls: interval.calls,
          firstCalls: round(interval.firstCalls, 3),
          callsPerHour: round(interval.callsPerHour, 3),
          byWeekday: Object.fromEntries(weekdays.map((d) => [d.weekday, interval.byWeekday[WEEKDAY_NAMES.indexOf(d.weekday)]])),
        })),
    },
    queues: estimates.queues.map(queueJson),
    pooled: { handleTime: handleTimeJson(estimates.pooledHandleTime, 'queue'), patience: patienceJson(estimates.pooledPatience) },
    agents: {
      count: estimates.agents.count,
      from: estimates.agents.from,
      how: 'the most calls in conversation at once (a call log does not list agents; wrap-up and breaks are not seen)',
      mostInConversation: estimates.intervals
        .filter((interval) => interval.calls > 0)
        .map((interval) => ({ start: interval.start, calls: estimates.agents.maxInService[interval.index] })),
    },
    queue: {
      capacity: estimates.queueCapacity.capacity,
      mostWaiting: estimates.intervals
        .filter((interval) => interval.calls > 0)
        .map((interval) => ({ start: interval.start, callers: estimates.queueCapacity.maxWaiting[interval.index] })),
    },
    retrials: {
      windowSeconds: estimates.retrials.windowSeconds,
      callsWithCallerId: estimates.retrials.identified,
      afterUnansweredCall: estimates.retrials.afterUnanswered,
      afterAnsweredCall: estimates.retrials.afterAnswered,
      share: round(estimates.retrials.share),
      unansweredCallersWhoCalledBack: round(estimates.retrials.unansweredWhoRetried),
      scenario: retrialScenarioJson(estimates),
    },
    observed: {
      total: kpi(estimates.observed.total),
      intervals: estimates.observed.intervals.map((interval) => ({ start: interval.start, ...kpi(interval.kpis) })),
    },
    ...(check
      ? {
          check: {
            replications: check.replications,
            tolerance: check.tolerance,
            pass: check.pass,
            total: checkRowJson(check.total),
            intervals: check.rows.map(checkRowJson),
          },
        }
      : {}),
  };
}

function checkRowJson(row: CheckResult['total']) {
  return {
    interval: row.interval,
    offered: comparisonJson(row.offered),
    abandonmentRate: comparisonJson(row.abandonment),
    serviceLevel: comparisonJson(row.serviceLevel),
    asa: comparisonJson(row.asa),
  };
}

function patienceSummary(queue: QueueEstimate, estimates: Estimates): string {
  const fit = queue.patienceFrom === 'pooled' ? estimates.pooledPatience : queue.patience;
  const chosen = fit.chosen;
  if (queue.patienceFrom === 'none' || chosen === null) return 'infinite (nobody hung up)';
  const pooled = queue.patienceFrom === 'pooled' ? ' (pooled)' : '';
  const text =
    chosen.dist === 'weibull'
      ? `weibull shape ${chosen.shape.toFixed(2)} scale ${seconds(chosen.scale)}, mean ${seconds(chosen.mean)}`
      : `exponential mean ${seconds(chosen.mean)}`;
  return `${text}${pooled}; naive ${seconds(fit.naiveMean)}`;
}

/** The summary printed after calibrating: what was read and skipped, and the estimates in short. */
export function renderCalibrationSummary(estimates: Estimates): string {
  const { reading } = estimates;
  const statistics = reading.statistics;
  const lines: string[] = [];
  lines.push(
    `Read ${reading.file} (${reading.format}): ${count(reading.rows)} rows, ${count(statistics.calls)} queue calls on ${estimates.activeDays} days ` +
      `(${estimates.firstDate} to ${estimates.lastDate}); ${reading.timeBasis}.`,
  );
  const skipped = reading.skipped.reduce((sum, s) => sum + s.count, 0);
  if (skipped > 0) {
    lines.push(`Skipped ${count(skipped)} rows that are not queue calls:`);
    for (const skip of reading.skipped) lines.push(`  ${count(skip.count).padStart(8)}  ${skip.reason} (first at line ${skip.firstLine})`);
  } else lines.push('Skipped no rows.');
  if (estimates.sampled) lines.push(`Fits use a random sample (reservoir) of at most ${count(statistics.pooledTalk.capacity)} calls per queue.`);
  lines.push('');
  lines.push(
    renderTable(
      ['queue', 'calls', 'share', 'abandoned', 'handle time (talk)', 'patience (censored MLE; naive mean for comparison)'],
      estimates.queues.map((queue) => [
        queue.id,
        count(queue.calls),
        percent(queue.share),
        count(queue.abandoned),
        `${queue.handleTime.chosen.dist} mean ${seconds(queue.handleTime.chosen.mean)} cv ${queue.handleTime.chosen.cv.toFixed(2)}`,
        patienceSummary(queue, estimates),
      ]),
    ),
  );
  lines.push('');
  const total = estimates.observed.total;
  const retrials = estimates.retrials;
  lines.push(
    `Opening hours ${estimates.openingHours.join(', ')} (${estimates.openingHoursFrom}); ${estimates.agents.count} ${estimates.agents.count === 1 ? 'agent' : 'agents'} ` +
      `(${estimates.agents.from === 'option' ? 'from --agents' : 'the most calls in conversation at once'}); queue ${
        estimates.queueCapacity.capacity === 'unlimited' ? 'unlimited (no busy signals)' : `of ${estimates.queueCapacity.capacity} places`
      }.`,
  );
  lines.push(`${demandSummary(estimates)}.`);
  lines.push(
    `Observed: abandonment ${percent(total.abandonmentRate)}, service level ${percent(total.serviceLevel)} ` +
      `(answered within ${estimates.options.thresholdSeconds} s / offered), ASA ${seconds(total.asa)}, AHT ${seconds(total.aht)}.`,
  );
  lines.push(
    `Retrials: ${percent(retrials.share)} of calls with a caller id came within ${Math.round(retrials.windowSeconds / 60)} min of an unanswered call ` +
      `(${percent(retrials.unansweredWhoRetried)} of unanswered callers called back); ${retrialSummary(estimates)}.`,
  );
  return lines.join('\n') + '\n';
}

/** Daily profile or weekly demand, and why, in one sentence. */
function demandSummary(estimates: Estimates): string {
  const demand = estimates.demand;
  if (demand.kind === 'daily') return `Demand: one daily profile, as ${demand.reason}`;
  const test = demand.test;
  return (
    `Demand: weekly (${demand.weekly.map((d) => `${d.day.slice(0, 3)} ${d.calls.reduce((a, b) => a + b, 0).toFixed(0)}`).join(', ')} calls a day), as the weekdays differ: ` +
    `chi-square ${test.chiSquare.toFixed(1)} on ${test.degreesOfFreedom} degrees of freedom, ${formatP(test.pValue)}; calendar starts on ${demand.startsOn}, ${demand.spanDays} days`
  );
}

/** The demand choice for the JSON report. */
function demandJson(estimates: Estimates) {
  const demand = estimates.demand;
  const test = demand.test
    ? { chiSquare: round(demand.test.chiSquare, 2), degreesOfFreedom: demand.test.degreesOfFreedom, pValue: demand.test.pValue, intervalsUsed: demand.test.intervalsUsed, cvOfDailyTotals: round(demand.test.cvOfDailyTotals) }
    : null;
  if (demand.kind === 'daily') return { kind: 'daily', reason: demand.reason, test };
  return {
    kind: 'weekly',
    test,
    intervalMinutes: demand.intervalMinutes,
    from: demand.from,
    startsOn: demand.startsOn,
    spanDays: demand.spanDays,
    closedOn: demand.closedOn,
    weekly: demand.weekly.map((d) => ({ day: d.day, dates: d.dates, callsADay: round(d.calls.reduce((a, b) => a + b, 0), 2) })),
  };
}

/** What the scenario's `retrial:` says, in one clause. */
function retrialSummary(estimates: Estimates): string {
  const model = estimates.retrialModel;
  if (!model.written) return `not simulated in the scenario (${model.reason})`;
  const delay = model.delay.chosen;
  return (
    `simulated in the scenario: afterAbandoned ${model.queues.map((q) => `${q.id} ${q.afterAbandoned.probability.toFixed(3)}`).join(', ')}` +
    `${model.afterBlocked ? `, afterBlocked ${model.afterBlocked.probability.toFixed(3)}` : ''}, delay ${delay.dist} mean ${seconds(delay.mean)} cv ${delay.cv.toFixed(2)}` +
    ` (fit truncated at the window, ${percent(delay.windowCoverage)} within it), maxAttempts ${model.maxAttempts}; the arrivals are first calls (${count(model.removed)} retrials out)` +
    (delay.windowCoverage < LOW_COVERAGE
      ? `. WARNING: only ${percent(delay.windowCoverage)} of the fitted delays fall within the window, so the rest is extrapolated: rerun with a longer --retrial-window`
      : '')
  );
}

/** The retrial settings of the scenario and their evidence, for the JSON report. */
function retrialScenarioJson(estimates: Estimates) {
  const model = estimates.retrialModel;
  if (!model.written) return { written: false, reason: model.reason };
  const candidate = (c: DelayCandidate) => ({ dist: c.dist, mean: round(c.mean, 2), cv: round(c.cv), aic: round(c.aic, 2), windowCoverage: round(c.windowCoverage), ksDistance: round(c.ksDistance) });
  const probability = (p: RetrialProbability) => ({ calls: p.calls, retried: p.retried, seen: round(p.seen), probability: round(p.probability) });
  return {
    written: true,
    delay: {
      what: 'seconds from the end of the unanswered call to the retrial, fitted truncated at the window',
      n: model.delay.n,
      min: model.delay.min,
      max: model.delay.max,
      sampleMean: round(model.delay.sampleMean, 2),
      sampleCv: round(model.delay.sampleCv),
      chosen: model.delay.chosen.dist,
      candidates: [model.delay.lognormal, model.delay.gamma, model.delay.exponential].map(candidate),
    },
    maxAttempts: model.maxAttempts,
    longestChain: model.longestChain,
    callsByPlaceInChain: model.chains,
    afterAbandoned: { pooled: probability(model.pooled), queues: model.queues.map((q) => ({ id: q.id, from: q.from, own: probability(q.own), written: round(q.afterAbandoned.probability) })) },
    afterBlocked: model.afterBlocked ? probability(model.afterBlocked) : null,
    hiddenNumberFactor: round(model.hiddenFactor),
    retrialsTakenOutOfArrivals: round(model.removed, 2),
  };
}

/** One row of the check: offered, abandonment and service level, observed vs simulated, with relative errors. */
function checkCells(row: CheckResult['total']): string[] {
  return [
    row.interval,
    count(row.offered.observed),
    count(row.offered.simulated),
    percent(row.abandonment.observed),
    percent(row.abandonment.simulated),
    signedPercent(row.abandonment.relativeError),
    percent(row.serviceLevel.observed),
    percent(row.serviceLevel.simulated),
    signedPercent(row.serviceLevel.relativeError),
  ];
}

/** The `--check` table: observed vs simulated per interval and in total, with relative errors. */
export function renderCheck(check: CheckResult, estimates: Estimates): string {
  const rows = [...check.rows, check.total].map((row) => [...checkCells(row), seconds(row.asa.observed), seconds(row.asa.simulated)]);
  const verdict = (name: string, c: KpiComparison): string =>
    `${name} ${percent(c.observed)} observed, ${percent(c.simulated)} simulated (${signedPercent(c.relativeError)})`;
  return [
    `Check: the calibrated scenario simulated ${check.replications} times over ${estimates.activeDays} days, against the log ` +
      `(simulated = mean of the replications; error = (simulated − observed) / observed).`,
    renderTable(
      ['interval', 'offered', 'sim', 'abandon', 'sim', 'error', 'SL', 'sim', 'error', 'ASA', 'sim'],
      rows,
    ),
    `${verdict('Abandonment', check.total.abandonment)}; ${verdict('service level', check.total.serviceLevel)}.`,
    check.pass
      ? `PASS: both within ${percent(check.tolerance, 0)} of the observed values over the whole log.`
      : `FAIL: not both within ${percent(check.tolerance, 0)} of the observed values over the whole log — look at agents (--agents), opening hours (--open) and the fits above.`,
    '',
  ].join('\n');
}

/** The fit report as Markdown. */
export function calibrationToMarkdown(estimates: Estimates, check?: CheckResult): string {
  const json = calibrationToJson(estimates, check);
  const table = (header: string[], rows: string[][]): string =>
    [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  const weekdays = estimates.days.filter((d) => d.dates > 0);
  const out: string[] = [];
  out.push(`# Calibration of ${json.source.file}`, '');
  out.push(
    `${count(json.source.rows)} rows (${json.source.format}), ${count(json.source.queueCalls)} queue calls on ${json.source.daysWithCalls} days, ` +
      `${json.source.firstDate} to ${json.source.lastDate}; ${json.source.times}.`,
    '',
  );
  if (json.source.skipped.length > 0) {
    out.push('## Rows skipped', '', table(['reason', 'rows', 'first line'], json.source.skipped.map((s) => [s.reason, count(s.count), String(s.firstLine)])), '');
  }
  out.push('## Arrivals', '', `${json.arrivals.how}. Opening hours: ${json.arrivals.openingHours.join(', ')} (${json.arrivals.openingHoursFrom}).`, '', `${demandSummary(estimates)}.`, '');
  out.push(
    table(
      ['interval', 'calls', estimates.retrialModel.written ? 'first calls/h' : 'calls/h', ...weekdays.map((d) => `${d.weekday} (${d.dates} d)`), 'in profile'],
      json.arrivals.intervals.map((i) => [i.start, count(i.calls), i.callsPerHour.toFixed(2), ...weekdays.map((d) => count(i.byWeekday[d.weekday] ?? 0)), i.open ? 'yes' : 'no']),
    ),
    '',
  );
  out.push('## Handle time (talk: answer → end; wrap-up is not in call logs)', '');
  out.push(
    table(
      ['queue', 'n', 'sample mean', 'sample cv', 'lognormal mean / cv / AIC / KS', 'gamma mean / cv / AIC / KS', 'chosen'],
      json.queues.map((q) => {
        const h = q.handleTime;
        const f = (c: ReturnType<typeof completeFitJson>): string => `${c.mean.toFixed(1)} / ${c.cv.toFixed(3)} / ${c.aic.toFixed(1)} / ${c.ksDistance.toFixed(3)}`;
        return [q.id, count(h.n), h.sampleMean.toFixed(1), h.sampleCv.toFixed(3), f(h.lognormal), f(h.gamma), h.chosen];
      }),
    ),
    '',
  );
  out.push('## Patience (censored maximum likelihood and Kaplan–Meier)', '');
  out.push(
    'An abandoned call shows the caller’s patience; an answered call only shows that patience was longer than the wait (censored). ' +
      'The naive mean of the abandoners’ waits ignores the censored calls and is shown only for comparison.',
    '',
  );
  out.push(
    table(
      ['queue', 'hung up', 'answered after waiting', 'weibull shape ± se', 'scale ± se', 'AIC', 'exponential mean', 'AIC', 'KM median', 'naive mean', 'in scenario'],
      [...json.queues.map((q) => [q.id, q.patience, q.patienceInScenario] as const), ['all queues', json.pooled.patience, '—'] as const].map(([id, p, used]) => [
        id,
        count(p.hungUp),
        count(p.answeredAfterWaiting),
        p.weibull ? `${p.weibull.shape.toFixed(3)} ± ${p.weibull.shapeStandardError.toFixed(3)}` : '—',
        p.weibull ? `${p.weibull.scale.toFixed(1)} ± ${p.weibull.scaleStandardError.toFixed(1)}` : '—',
        p.weibull ? p.weibull.aic.toFixed(1) : '—',
        p.exponential ? p.exponential.mean.toFixed(1) : '—',
        p.exponential ? p.exponential.aic.toFixed(1) : '—',
        p.kaplanMeier.median === null ? '> longest wait' : String(p.kaplanMeier.median),
        seconds(p.naiveMeanOfAbandonersWaits),
        String(used),
      ]),
    ),
    '',
  );
  for (const q of json.queues) {
    out.push(`Kaplan–Meier, ${q.id}: ${q.patience.kaplanMeier.grid.map((g) => `S(${g.time} s) = ${g.survival.toFixed(3)} ± ${g.standardError.toFixed(3)}`).join('; ')}.`, '');
  }
  out.push('## Agents, queue, retrials', '');
  out.push(`Agents: ${json.agents.count} (${json.agents.from}; ${json.agents.how}). Queue capacity: ${json.queue.capacity}.`, '');
  out.push(
    `Retrials within ${Math.round(json.retrials.windowSeconds / 60)} min: ${count(json.retrials.afterUnansweredCall)} calls after an unanswered call ` +
      `(${percent(json.retrials.share)} of ${count(json.retrials.callsWithCallerId)} calls with a caller id; ${percent(json.retrials.unansweredCallersWhoCalledBack)} of unanswered callers called back), ` +
      `${count(json.retrials.afterAnsweredCall)} after an answered call; ${retrialSummary(estimates)}.`,
    '',
  );
  out.push('## Observed KPIs', '');
  out.push(
    table(
      ['interval', 'offered', 'answered', 'abandoned', 'abandonment', 'SL', 'ASA', 'most talking', 'most waiting'],
      [
        ...estimates.observed.intervals.map((i) => [
          i.start,
          count(i.kpis.offered),
          count(i.kpis.answered),
          count(i.kpis.abandoned),
          percent(i.kpis.abandonmentRate),
          percent(i.kpis.serviceLevel),
          seconds(i.kpis.asa),
          String(estimates.agents.maxInService[i.index]),
          String(estimates.queueCapacity.maxWaiting[i.index]),
        ]),
        ['total', count(json.observed.total.offered), count(json.observed.total.answered), count(json.observed.total.abandoned), percent(json.observed.total.abandonmentRate), percent(json.observed.total.serviceLevel), seconds(json.observed.total.asa), String(estimates.agents.peak), String(Math.max(...estimates.queueCapacity.maxWaiting))],
      ],
    ),
    '',
  );
  if (check) {
    out.push('## Check: simulated vs observed', '');
    out.push(
      table(
        ['interval', 'offered', 'sim', 'abandonment', 'sim', 'error', 'SL', 'sim', 'error'],
        [...check.rows, check.total].map(checkCells),
      ),
      '',
      `${check.pass ? 'PASS' : 'FAIL'}: abandonment and service level over the whole log ${check.pass ? 'both' : 'not both'} within ${percent(check.tolerance, 0)} (${check.replications} replications).`,
      '',
    );
  }
  return out.join('\n');
}
