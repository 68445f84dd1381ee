/**
 * Writes the estimates as a scenario YAML file, with a comment beside or above every
 * estimated value saying how it was estimated and from how much data. Built with the
 * `yaml` Document API (comments attached to nodes), so the output is valid YAML that the
 * scenario loader reads back without errors.
 */
import { basename } from 'node:path';
import { Document, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Distribution } from '../dists/schema.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { OPEN_MIN_CALLS, OPEN_SHARE_OF_PEAK, WEEKDAY_NAMES, type Estimates, type QueueEstimate } from './estimate.ts';
import type { ExponentialFit, PatienceFit, WeibullFit } from './fit.ts';
import { AIC_TIE, MIN_CHOSEN_COVERAGE } from './delayFit.ts';
import { formatP, MIN_EXPECTED, MIN_SPAN_DAYS, WEEKLY_SIGNIFICANCE, type WeeklyDemand } from './weeklyDemand.ts';
import { LOW_COVERAGE, MAX_ATTEMPTS_CAP, MIN_RETRIALS, type RetrialModel, type RetrialProbability } from './retrialEstimate.ts';

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** `12,034` */
const count = (value: number): string => Math.round(value).toLocaleString('en-GB');
const percent = (rate: number, digits = 1): string => (Number.isFinite(rate) ? `${(rate * 100).toFixed(digits)}%` : '—');
const seconds = (value: number): string => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} s` : '—');

/** The patience distribution a queue gets in the scenario. */
export function patienceOf(queue: QueueEstimate, estimates: Estimates): Distribution | 'infinite' {
  const fit = queue.patienceFrom === 'queue' ? queue.patience.chosen : queue.patienceFrom === 'pooled' ? estimates.pooledPatience.chosen : null;
  if (fit === null) return 'infinite';
  return fit.dist === 'weibull'
    ? { dist: 'weibull', shape: Math.max(0.001, round(fit.shape, 3)), scale: Math.max(0.1, round(fit.scale, 1)) }
    : { dist: 'exponential', mean: Math.max(0.1, round(fit.mean, 1)) };
}

/** The delay distribution of the retrials as the scenario writes it. */
function delayOf(model: RetrialModel): Distribution {
  const chosen = model.delay.chosen;
  return chosen.dist === 'exponential'
    ? { dist: 'exponential', mean: Math.max(0.1, round(chosen.mean, 1)) }
    : { dist: chosen.dist, mean: Math.max(0.1, round(chosen.mean, 1)), cv: Math.max(0.001, round(chosen.cv, 3)) };
}

/** A caller type's `retrial:` (after busy signals only when the log had some from identified callers). */
function retrialOf(model: RetrialModel, queueIndex: number) {
  return {
    ...(model.afterBlocked ? { afterBlocked: round(model.afterBlocked.probability, 3) } : {}),
    afterAbandoned: round(model.queues[queueIndex]!.afterAbandoned.probability, 3),
    delay: delayOf(model),
    maxAttempts: model.maxAttempts,
  };
}

/** Shares rounded to 6 decimals that still sum to exactly 1 (the last takes the rounding). */
function sharesOf(queues: readonly QueueEstimate[]): number[] {
  const shares = queues.map((queue) => round(queue.share, 6));
  const others = shares.slice(0, -1).reduce((a, b) => a + b, 0);
  shares[shares.length - 1] = round(1 - others, 6);
  return shares;
}

/** The scenario as plain data (what the YAML says, without the comments). */
export function scenarioOf(estimates: Estimates): ScenarioInput {
  const { reading, options, queues } = estimates;
  const retrials = estimates.retrialModel;
  const demand = estimates.demand;
  const shares = sharesOf(queues);
  return {
    name: `Calibrated from ${basename(reading.file)}`,
    description:
      `Estimated by callfloor calibrate from ${reading.file} (${reading.format} format), ` +
      `${estimates.firstDate} to ${estimates.lastDate}: ${reading.statistics.calls} queue calls on ${estimates.activeDays} days.`,
    language: 'en',
    run: {
      days: Math.min(3660, demand.kind === 'weekly' ? demand.spanDays : estimates.activeDays),
      replications: 10,
      seed: options.seed ?? 1,
      intervalMinutes: options.intervalMinutes,
    },
    openingHours: [...estimates.openingHours],
    arrivals:
      demand.kind === 'weekly'
        ? {
            weekly: Object.fromEntries(demand.weekly.map((day) => [day.day, day.calls.map((calls) => round(calls, 2))])),
            intervalMinutes: demand.intervalMinutes,
            from: demand.from,
          }
        : { profile: estimates.intervals.filter((interval) => interval.open).map((interval) => ({ at: interval.start, callsPerHour: round(interval.callsPerHour, 2) })) },
    ...(demand.kind === 'weekly' ? { calendar: { startsOn: demand.startsOn, ...(demand.closedOn.length > 0 ? { closedOn: [...demand.closedOn] } : {}) } } : {}),
    callerTypes: queues.map((queue, i) => ({
      id: queue.id,
      share: shares[i]!,
      patience: patienceOf(queue, estimates),
      problem: queue.id,
      ...(retrials.written ? { retrial: retrialOf(retrials, i) } : {}),
    })),
    problemTypes: queues.map((queue) => ({
      id: queue.id,
      // A cv of 0 is not a distribution the schema accepts; identical talk times get the smallest cv written.
      handleTime: { dist: queue.handleTime.chosen.dist, mean: round(queue.handleTime.chosen.mean, 1), cv: Math.max(0.001, round(queue.handleTime.chosen.cv, 3)) },
    })),
    agents: { count: estimates.agents.count },
    queue: { capacity: estimates.queueCapacity.capacity, discipline: 'fifo' },
    serviceLevel: { thresholdSeconds: options.thresholdSeconds, target: 0.8, denominator: 'offered' },
  };
}

function pairOf(map: YAMLMap, key: string): Pair<Scalar, Node> {
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (!pair) throw new Error(`no key ${key} in the scenario document`);
  return pair as Pair<Scalar, Node>;
}

/** Comment lines above a key. */
function above(map: YAMLMap, key: string, lines: readonly string[]): void {
  pairOf(map, key).key.commentBefore = lines.map((line) => ` ${line}`).join('\n');
}

/** Comment after a value, on its line. */
function beside(map: YAMLMap, key: string, text: string): void {
  (pairOf(map, key).value as Node).comment = ` ${text}`;
}

function child<T extends Node>(map: YAMLMap, key: string): T {
  return pairOf(map, key).value as T;
}

function flow(node: Node): void {
  if (isMap(node) || isSeq(node)) node.flow = true;
}

function patienceLines(queue: QueueEstimate, estimates: Estimates): string[] {
  const fit: PatienceFit = queue.patienceFrom === 'pooled' ? estimates.pooledPatience : queue.patience;
  const chosen = fit.chosen;
  const own = queue.patience;
  if (queue.patienceFrom === 'none' || chosen === null) {
    return [`Patience: infinite, because no caller in the log hung up while waiting (${count(own.censored)} waited and were answered).`];
  }
  const lines: string[] = [];
  if (queue.patienceFrom === 'pooled') {
    lines.push(
      `Patience of all queues pooled: this queue has only ${own.events} abandoned call(s), fewer than ${estimates.options.minAbandons} (--min-abandons).`,
    );
  }
  const weibull = fit.weibull;
  const exponential = fit.exponential;
  lines.push(
    `${chosen.dist === 'weibull' ? 'Weibull' : 'Exponential'} by censored maximum likelihood: ${count(fit.events)} callers hung up (patience seen)` +
      ` and ${count(fit.censored)} were answered after waiting (patience longer than their wait).`,
  );
  if (weibull) lines.push(`Weibull shape ${weibull.shape.toFixed(3)} ± ${weibull.shapeStandardError.toFixed(3)}, scale ${weibull.scale.toFixed(1)} ± ${weibull.scaleStandardError.toFixed(1)} s (mean ${seconds(weibull.mean)}), AIC ${weibull.aic.toFixed(1)}.`);
  if (exponential) lines.push(`Exponential mean ${seconds(exponential.mean)}, AIC ${exponential.aic.toFixed(1)}; the lower AIC is used.`);
  const km = fit.kaplanMeier;
  const grid = [10, 30, 60, 120].filter((t) => t <= km.maxTime);
  if (grid.length > 0) {
    lines.push(
      `Kaplan–Meier share still waiting after ${grid.map((t) => `${t} s: ${km.survivalAt(t).toFixed(2)}`).join(', ')}` +
        (chosen.dist === 'weibull' ? ` (Weibull: ${grid.map((t) => Math.exp(-((t / (chosen as WeibullFit).scale) ** (chosen as WeibullFit).shape)).toFixed(2)).join(', ')}).` : ` (exponential: ${grid.map((t) => Math.exp(-t / (chosen as ExponentialFit).mean).toFixed(2)).join(', ')}).`),
    );
  }
  lines.push(`Not used: the naive mean of the abandoners' waits, ${seconds(fit.naiveMean)}, ignores every caller answered before hanging up and is biased low.`);
  return lines;
}

function handleTimeLines(queue: QueueEstimate): string[] {
  const fit = queue.handleTime;
  const other = fit.chosen === fit.lognormal ? fit.gamma : fit.lognormal;
  const params =
    fit.chosen.dist === 'lognormal'
      ? `μ ${fit.chosen.parameters.mu!.toFixed(3)}, σ ${fit.chosen.parameters.sigma!.toFixed(3)} of ln s`
      : `shape ${fit.chosen.parameters.shape!.toFixed(3)}, scale ${fit.chosen.parameters.scale!.toFixed(1)} s`;
  return [
    `Talk time (answer → end) of ${count(fit.n)} answered calls${queue.handleTimeFrom === 'pooled' ? ' of all queues (too few in this one)' : ''};` +
      ` wrap-up is not in call logs: add it to the mean if your agents have any.`,
    `${fit.chosen.dist} by maximum likelihood (${params}): AIC ${fit.chosen.aic.toFixed(1)} vs ${other.dist} ${other.aic.toFixed(1)}, the lower wins;` +
      ` KS distance ${fit.chosen.ksDistance.toFixed(3)}. Sample mean ${seconds(fit.sampleMean)}, cv ${fit.sampleCv.toFixed(3)}.`,
  ];
}

/** Comments of a weekly demand and its calendar. */
function writeWeekly(root: YAMLMap, demand: WeeklyDemand, estimates: Estimates, retrialNote: readonly string[], perWeekday: string): void {
  const test = demand.test;
  const interval = demand.intervalMinutes;
  above(root, 'arrivals', [
    `Weekly demand: ${estimates.retrialModel.written ? 'first calls' : 'calls'} in each ${interval}-minute interval from ${demand.from}, per weekday, averaged over the dates of`,
    `that weekday in the log (calls of the weekday in the interval ÷ its dates).`,
    ...retrialNote,
    `Weekly rather than one daily profile because the log spans ${demand.spanDays} days (at least ${MIN_SPAN_DAYS}) and the weekdays differ:`,
    `a chi-square test of "every weekday has the same daily profile" gives ${test.chiSquare.toFixed(1)} on ${test.degreesOfFreedom} degrees of freedom,`,
    `${formatP(test.pValue)}, below ${WEEKLY_SIGNIFICANCE} (${test.intervalsUsed > 0 ? `${test.intervalsUsed} intervals where every weekday expects at least ${MIN_EXPECTED} calls` : 'weekday totals'}; calls per date vary by cv ${percent(test.cvOfDailyTotals)}).`,
    `${perWeekday} A weekday left out has no calls.`,
  ]);
  const arrivals = child<YAMLMap>(root, 'arrivals');
  const weekly = child<YAMLMap>(arrivals, 'weekly');
  demand.weekly.forEach((day) => {
    flow(child<Node>(weekly, day.day));
    const total = day.calls.reduce((a, b) => a + b, 0);
    beside(weekly, day.day, `${day.dates} dates, ${total.toFixed(1)} calls a day`);
  });
  (pairOf(arrivals, 'from').value as Scalar).type = 'QUOTE_DOUBLE';
  const calendar = child<YAMLMap>(root, 'calendar');
  beside(calendar, 'startsOn', `${estimates.firstDate}, the log's first date, is a ${demand.startsOn}`);
  if (demand.closedOn.length > 0) {
    flow(child<Node>(calendar, 'closedOn'));
    beside(calendar, 'closedOn', 'days of the run on a weekday with calls that had none in the log (holidays?)');
  }
}

/** `98 of 305 callers who hung up called again within 30 min (32.1%) ÷ F(W) 0.960 = 0.334` */
function probabilityText(p: RetrialProbability, model: RetrialModel, who: string): string {
  return (
    `${count(p.retried)} of ${count(p.calls)} identified ${who} called again within ${Math.round(model.windowSeconds / 60)} min (${percent(p.seen)}),` +
    ` ÷ ${model.coverage.toFixed(3)} (share of delays within the window) = ${p.probability.toFixed(3)}`
  );
}

/** How the retrial settings shared by every caller type were estimated. */
function retrialLines(model: RetrialModel): string[] {
  const window = Math.round(model.windowSeconds / 60);
  const fit = model.delay;
  const chosen = fit.chosen;
  const others = [fit.lognormal, fit.gamma, fit.exponential].filter((c) => c !== chosen);
  const params =
    chosen.dist === 'lognormal'
      ? `μ ${chosen.parameters.mu!.toFixed(3)}, σ ${chosen.parameters.sigma!.toFixed(3)} of ln s`
      : chosen.dist === 'gamma'
        ? `shape ${chosen.parameters.shape!.toFixed(3)}, scale ${chosen.parameters.scale!.toFixed(1)} s`
        : '';
  return [
    `retrial: a call from the same caller id within ${window} min (--retrial-window) of the end of their unanswered call.`,
    `delay: seconds from the end of the unanswered call to the next call, ${count(fit.n)} retrials (${seconds(fit.min)} to ${seconds(fit.max)};`,
    `  sample mean ${seconds(fit.sampleMean)}, cv ${fit.sampleCv.toFixed(3)}). Only delays within the window are seen, so each family is fitted by`,
    `  maximum likelihood truncated at ${window} min: ${chosen.dist} (${params ? `${params}; ` : ''}mean ${seconds(chosen.mean)}, cv ${chosen.cv.toFixed(3)}), AIC ${chosen.aic.toFixed(1)}`,
    `  vs ${others.map((c) => `${c.dist} ${c.aic.toFixed(1)}`).join(', ')}: the lowest wins, but a simpler family within ${AIC_TIE} is preferred and one with`,
    `  under ${percent(MIN_CHOSEN_COVERAGE, 0)} of its delays within the window is passed over; KS distance ${chosen.ksDistance.toFixed(3)}.`,
    `  ${percent(chosen.windowCoverage)} of its delays are within ${window} min: the probabilities seen are divided by ${chosen.windowCoverage.toFixed(3)}.`,
    ...(chosen.windowCoverage < LOW_COVERAGE
      ? [`  WARNING: under ${percent(LOW_COVERAGE, 0)} within the window, so the tail past it is extrapolated: rerun with a longer --retrial-window (e.g. ${2 * window}min).`]
      : []),
    `maxAttempts: the longest chain seen, ${model.longestChain} calls (at most ${MAX_ATTEMPTS_CAP}); identified calls by place in their chain: ${model.chains.map((n) => count(n)).join(', ')}.`,
    ...(model.afterBlocked ? [] : ['afterBlocked is left out (0): the log has no busy signals from identified callers; set it if you limit queue.lines.']),
    'afterDropped is left out (0): the scenario has no queue.maxWait.',
  ];
}

/** Renders the estimates as a commented scenario YAML text. */
export function scenarioYaml(estimates: Estimates): string {
  const { reading, options, queues } = estimates;
  const scenario = scenarioOf(estimates);
  const doc = new Document(scenario);
  const root = doc.contents as YAMLMap;
  const days = estimates.days.filter((day) => day.dates > 0);
  const skippedRows = reading.skipped.reduce((sum, skip) => sum + skip.count, 0);

  doc.commentBefore = [
    ` Calibrated by callfloor calibrate from ${reading.file} (${reading.format} format), ${estimates.firstDate} to ${estimates.lastDate}.`,
    ` ${count(reading.statistics.calls)} queue calls on ${estimates.activeDays} days, from ${count(reading.rows)} rows` +
      (skippedRows > 0 ? ` (${count(skippedRows)} skipped: ${reading.skipped.map((s) => `${count(s.count)} ${s.reason}`).join('; ')}).` : '.'),
    ` Times: ${reading.timeBasis}. Each value below says how it was estimated.`,
    ...(estimates.sampled ? [` Fits use a random sample (reservoir) of at most ${count(reading.statistics.pooledTalk.capacity)} calls per queue.`] : []),
    ` Compare it with the log: callfloor calibrate ${reading.file} --check`,
  ].join('\n');

  const run = child<YAMLMap>(root, 'run');
  beside(
    run,
    'days',
    estimates.demand.kind === 'weekly'
      ? `${estimates.firstDate} to ${estimates.lastDate}, the span of the log (calls on ${estimates.activeDays} days: ${days.map((d) => `${d.weekday} ${d.dates}`).join(', ')})`
      : `the log has calls on ${estimates.activeDays} days (${days.map((d) => `${d.weekday} ${d.dates}`).join(', ')})`,
  );
  beside(run, 'intervalMinutes', 'the interval the arrivals and KPIs were counted in (--interval)');

  const opening = child<YAMLSeq>(root, 'openingHours');
  flow(opening);
  for (const item of opening.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
  opening.comment =
    estimates.openingHoursFrom === 'option'
      ? ` from --open; ${count(estimates.callsOutsideHours)} calls arrived outside (in the KPIs, not in the profile)`
      : ` intervals with at least ${percent(OPEN_SHARE_OF_PEAK, 0)} of the busiest one's calls (and at least ${OPEN_MIN_CALLS}); ${count(estimates.callsOutsideHours)} calls outside`;

  const retrials = estimates.retrialModel;
  const retrialNote = retrials.written
    ? [
        `First calls = calls − retrials: the scenario simulates the retrials (callerTypes[].retrial), so the ${count(retrials.removed)} retrials`,
        `estimated in the log are taken out here, or they would be counted twice: ${count(estimates.retrials.afterUnanswered)} seen from caller ids`,
        `× ${retrials.hiddenFactor.toFixed(3)} for hidden numbers ÷ ${retrials.coverage.toFixed(3)} for those after the window.`,
      ]
    : ['Every call is counted, retrials included: the scenario does not simulate retrials (see the end), so they stay in the rates.'];
  const demand = estimates.demand;
  const perWeekday = `Calls per weekday: ${days.map((d) => `${d.weekday} ${count(d.calls)} on ${d.dates} days`).join(', ')}.`;
  if (demand.kind === 'weekly') {
    writeWeekly(root, demand, estimates, retrialNote, perWeekday);
  } else {
    above(root, 'arrivals', [
      `Calls per hour in each ${options.intervalMinutes}-minute interval, averaged over the ${estimates.activeDays} days with calls`,
      `(${retrials.written ? 'first calls' : 'calls'} in the interval ÷ ${estimates.activeDays} days ÷ ${options.intervalMinutes / 60} h).`,
      ...retrialNote,
      `One profile for every day, as ${demand.reason}.`,
      perWeekday,
      `Each step's comment: the calls counted in the interval${retrials.written ? ' and the retrials taken out' : ''}, then the calls per weekday (${days.map((d) => d.weekday).join(' ')}).`,
    ]);
    const profile = child<YAMLSeq>(child<YAMLMap>(root, 'arrivals'), 'profile');
    const openIntervals = estimates.intervals.filter((interval) => interval.open);
    profile.items.forEach((item, i) => {
      const step = item as YAMLMap;
      flow(step);
      (pairOf(step, 'at').value as Scalar).type = 'QUOTE_DOUBLE';
      const interval = openIntervals[i]!;
      const weekdays = days.map((d) => interval.byWeekday[WEEKDAY_NAMES.indexOf(d.weekday)]!);
      const removed = retrials.written ? ` − ${(interval.calls - interval.firstCalls).toFixed(1)} retrials` : '';
      step.comment = ` ${count(interval.calls)} calls${removed}: ${weekdays.map((n) => count(n)).join(' ')}`;
    });
  }

  above(root, 'callerTypes', [
    `One caller type and one problem type per queue; share = the queue’s share of all ${retrials.written ? 'first calls (calls − the retrials of its unanswered calls)' : 'queue calls'}.`,
    ...(retrials.written ? retrialLines(retrials) : []),
  ]);
  const totalFirstCalls = queues.reduce((sum, queue) => sum + queue.firstCalls, 0);
  child<YAMLSeq>(root, 'callerTypes').items.forEach((item, i) => {
    const type = item as YAMLMap;
    const queue = queues[i]!;
    const outcomes = `${count(queue.answered)} answered, ${count(queue.abandoned)} abandoned, ${count(queue.blocked)} busy`;
    beside(
      type,
      'share',
      retrials.written
        ? `${count(queue.firstCalls)} of ${count(totalFirstCalls)} first calls (${count(queue.calls)} calls − ${(queue.calls - queue.firstCalls).toFixed(1)} retrials; ${outcomes})`
        : `${count(queue.calls)} of ${count(reading.statistics.calls)} calls (${outcomes})`,
    );
    const patience = child<Node>(type, 'patience');
    flow(patience);
    above(type, 'patience', patienceLines(queue, estimates));
    if (retrials.written) {
      const retrial = child<YAMLMap>(type, 'retrial');
      flow(child<Node>(retrial, 'delay'));
      const own = retrials.queues[i]!;
      above(type, 'retrial', [
        own.from === 'queue'
          ? `Retrials: ${probabilityText(own.afterAbandoned, retrials, 'callers who hung up in this queue')}.`
          : `Retrials: all queues pooled, as this queue has only ${count(own.own.retried)} retrials after a hang-up (fewer than ${MIN_RETRIALS}): ${probabilityText(own.afterAbandoned, retrials, 'callers who hung up')}.`,
      ]);
      if (retrials.afterBlocked) beside(retrial, 'afterBlocked', `all queues: ${probabilityText(retrials.afterBlocked, retrials, 'callers who got a busy signal')}`);
      beside(retrial, 'delay', `truncated fit of ${count(retrials.delay.n)} delays, see above`);
      beside(retrial, 'maxAttempts', `the longest chain of calls seen${retrials.longestChain > retrials.maxAttempts ? ` (${retrials.longestChain}), capped` : ''}`);
    }
  });

  child<YAMLSeq>(root, 'problemTypes').items.forEach((item, i) => {
    const type = item as YAMLMap;
    flow(child<Node>(type, 'handleTime'));
    above(type, 'handleTime', handleTimeLines(queues[i]!));
  });

  const agents = child<YAMLMap>(root, 'agents');
  if (estimates.agents.from === 'option') beside(agents, 'count', 'from --agents');
  else {
    above(agents, 'count', [
      `A call log does not list agents: this is the most calls in conversation at once (${estimates.agents.peak},`,
      `reached in ${estimates.agents.peakIntervals} interval(s); per interval in the fit report). Agents also do wrap-up and take breaks,`,
      'which a log does not show: raise it if you know better, or pass --agents.',
    ]);
  }

  const queueMap = child<YAMLMap>(root, 'queue');
  beside(
    queueMap,
    'capacity',
    estimates.queueCapacity.capacity === 'unlimited'
      ? 'no busy signals in the log'
      : `busy signals seen: the most callers waiting at once was ${estimates.queueCapacity.capacity}`,
  );

  const serviceLevel = child<YAMLMap>(root, 'serviceLevel');
  beside(serviceLevel, 'thresholdSeconds', `--threshold; observed service level ${percent(estimates.observed.total.serviceLevel)} (answered within it / offered)`);
  beside(serviceLevel, 'target', 'a common target, not estimated');

  doc.comment = observedComment(estimates);
  return doc.toString({ lineWidth: 0 });
}

/** The trailing comment: observed KPIs per interval, and retrials. */
function observedComment(estimates: Estimates): string {
  const { options, observed, retrials } = estimates;
  const header = ['interval', 'offered', 'answered', 'abandoned', 'abandon', 'SL', 'ASA', 'max talking', 'max waiting'];
  const rows = observed.intervals.map((interval) => [
    interval.start,
    count(interval.kpis.offered),
    count(interval.kpis.answered),
    count(interval.kpis.abandoned),
    percent(interval.kpis.abandonmentRate),
    percent(interval.kpis.serviceLevel),
    seconds(interval.kpis.asa),
    String(estimates.agents.maxInService[interval.index]),
    String(estimates.queueCapacity.maxWaiting[interval.index]),
  ]);
  const total = observed.total;
  rows.push(['total', count(total.offered), count(total.answered), count(total.abandoned), percent(total.abandonmentRate), percent(total.serviceLevel), seconds(total.asa), String(estimates.agents.peak), String(Math.max(...estimates.queueCapacity.maxWaiting))]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string =>
    '   ' + cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  const windowMinutes = Math.round(retrials.windowSeconds / 60);
  return [
    ` Observed in the log, per ${options.intervalMinutes}-minute interval of arrival, all days together`,
    ` (SL = answered within ${options.thresholdSeconds} s / offered; ASA = mean wait of answered calls):`,
    line(header),
    ...rows.map(line),
    '',
    ` Retrials (same caller id within ${windowMinutes} min of the end of their previous call; ${count(retrials.identified)} calls had a caller id):`,
    `   after an unanswered call: ${count(retrials.afterUnanswered)} calls, ${percent(retrials.share)} of identified calls;` +
      ` ${percent(retrials.unansweredWhoRetried)} of unanswered callers called back.`,
    `   after an answered call: ${count(retrials.afterAnswered)} calls (callers calling again, e.g. problem not solved).`,
    estimates.retrialModel.written
      ? ' They are simulated (callerTypes[].retrial): the arrival rates above are first calls only.'
      : ` Not simulated: ${estimates.retrialModel.reason}. They are part of the arrival rates above.`,
  ].join('\n');
}
