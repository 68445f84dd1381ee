/**
 * fast-check generators of valid scenarios and call scripts, as the plain data a user
 * would write in YAML. Sizes are kept small (a few hours, tens of calls per hour) so that
 * hundreds of simulations fit in a few seconds.
 */
import fc from 'fast-check';

/** A fixed seed and a bounded number of runs: the fuzz suite is reproducible and fast. */
export const FUZZ = { seed: 20_260_302, numRuns: 30 } as const;

const time = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A number spread evenly over [min, max]. (fc.double spreads its draws over the doubles'
 * exponents, so nearly every rate came out below 1e-10: scenarios without a single call.)
 */
const positive = (min: number, max: number) => fc.integer({ min: 0, max: 1_000_000 }).map((step) => min + ((max - min) * step) / 1_000_000);
const unit = positive(0, 1);

export const distributionArb = (mean: [number, number]) =>
  fc.oneof(
    positive(...mean).map((m) => ({ dist: 'exponential', mean: m })),
    positive(...mean).map((m) => ({ dist: 'deterministic', value: m })),
    fc.tuple(positive(...mean), positive(0.05, 2)).map(([m, cv]) => ({ dist: 'lognormal', mean: m, cv })),
    fc.tuple(positive(...mean), positive(0.05, 2)).map(([m, cv]) => ({ dist: 'gamma', mean: m, cv })),
    fc.tuple(positive(0, mean[0]), positive(...mean)).map(([a, b]) => ({ dist: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
    fc.tuple(positive(0.3, 3), positive(...mean)).map(([shape, scale]) => ({ dist: 'weibull', shape, scale })),
    fc
      .array(fc.tuple(positive(...mean), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 4 })
      .map((pairs) => ({ dist: 'empirical', values: pairs.map(([v]) => v), weights: pairs.map(([, w]) => w) })),
  );

/** Shares that sum to exactly 1 (the last one takes the rest of the rounding). */
const sharesArb = (count: number) =>
  fc.array(fc.integer({ min: 1, max: 20 }), { minLength: count, maxLength: count }).map((weights) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((w) => Math.round((w / total) * 1000) / 1000);
    shares[shares.length - 1] = Math.round((1 - shares.slice(0, -1).reduce((a, b) => a + b, 0)) * 1000) / 1000;
    return shares;
  });

export const scenarioArb = fc
  .record({
    problemCount: fc.integer({ min: 1, max: 3 }),
    callerCount: fc.integer({ min: 1, max: 3 }),
    openMinutes: fc.integer({ min: 30, max: 240 }),
    startMinutes: fc.integer({ min: 6 * 60, max: 12 * 60 }),
    days: fc.integer({ min: 1, max: 2 }),
    replications: fc.integer({ min: 1, max: 2 }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    agents: fc.integer({ min: 1, max: 8 }),
    capacity: fc.oneof(fc.constant('unlimited' as const), fc.integer({ min: 0, max: 30 })),
    discipline: fc.constantFrom('fifo', 'lifo', 'random'),
    denominator: fc.constantFrom('offered', 'answered', 'offered-excluding-short-abandons'),
    threshold: fc.integer({ min: 0, max: 120 }),
    interval: fc.constantFrom(15, 30, 60),
    profile: fc.boolean(),
    rates: fc.array(positive(0, 120), { minLength: 1, maxLength: 4 }),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      shares: sharesArb(shape.callerCount),
      problems: fc.array(
        fc.record({ handleTime: distributionArb([20, 600]), resolution: unit, conversion: unit }),
        { minLength: shape.problemCount, maxLength: shape.problemCount },
      ),
      callers: fc.array(
        fc.record({
          patience: fc.oneof(fc.constant('infinite' as const), distributionArb([5, 600])),
          purchaseIntent: unit,
          orderValue: distributionArb([1, 500]),
          mood: unit,
          intentHalfLife: fc.integer({ min: 1, max: 3600 }),
          problem: fc.integer({ min: 0, max: shape.problemCount - 1 }),
        }),
        { minLength: shape.callerCount, maxLength: shape.callerCount },
      ),
      costPerHour: positive(0, 50),
      margin: unit,
    }),
  )
  .map(({ shape, shares, problems, callers, costPerHour, margin }) => {
    const end = Math.min(shape.startMinutes + shape.openMinutes, 24 * 60);
    const step = Math.max(1, Math.floor((end - shape.startMinutes) / shape.rates.length));
    return {
      name: 'fuzz',
      run: { days: shape.days, warmup: 0, replications: shape.replications, seed: shape.seed, intervalMinutes: shape.interval },
      openingHours: [`${time(shape.startMinutes)}-${time(end)}`],
      arrivals: shape.profile
        ? { profile: shape.rates.map((rate, i) => ({ at: time(shape.startMinutes + i * step), callsPerHour: rate })) }
        : { callsPerHour: shape.rates[0]! },
      callerTypes: callers.map((caller, i) => ({ id: `caller-${i}`, share: shares[i]!, ...caller, problem: `problem-${caller.problem}` })),
      problemTypes: problems.map((problem, i) => ({ id: `problem-${i}`, ...problem })),
      agents: { count: shape.agents, costPerHour },
      queue: { capacity: shape.capacity, discipline: shape.discipline },
      serviceLevel: { thresholdSeconds: shape.threshold, target: 0.8, denominator: shape.denominator },
      money: { currency: 'EUR', margin, openDaysPerYear: 250 },
    };
  });

const textArb = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !/[{}]/.test(s));
const both = textArb.map((text) => ({ it: text, en: text }));

/**
 * A call script: nodes n0…n(k-1), the last one or two terminal; every other node has 1–3
 * options going anywhere, and maybe a timeout. The graph is random, so some scripts fail
 * lint (loops without exit, unreachable nodes): those must be refused with diagnostics.
 */
export const scriptArb = fc
  .record({ nodes: fc.integer({ min: 2, max: 7 }), terminals: fc.integer({ min: 1, max: 2 }) })
  .chain(({ nodes, terminals }) => {
    const inner = Math.max(1, nodes - terminals);
    const node = (i: number) =>
      fc.record({
        lines: fc.array(both, { minLength: 1, maxLength: 2 }),
        options: fc.array(
          fc.record({
            text: both,
            goto: fc.integer({ min: 0, max: nodes - 1 }),
            duration: fc.integer({ min: 0, max: 60 }),
            effects: fc.record({ mood: positive(-0.5, 0.5), patience: fc.integer({ min: -60, max: 60 }), intent: positive(-0.5, 0.5) }, { requiredKeys: [] }),
            tags: fc.subarray(['greet', 'listen', 'empathize', 'explain', 'verify', 'thank', 'rude']),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        timeout: fc.option(fc.record({ after: fc.integer({ min: 1, max: 60 }), goto: fc.integer({ min: 0, max: nodes - 1 }) }), { nil: undefined }),
        index: fc.constant(i),
      });
    return fc.record({
      inner: fc.tuple(...Array.from({ length: inner }, (_, i) => node(i))),
      terminalKinds: fc.array(fc.constantFrom('resolved', 'sale', 'callback', 'escalated', 'hung-up'), { minLength: nodes - inner, maxLength: nodes - inner }),
      caller: fc.record({ patience: fc.integer({ min: 10, max: 600 }), mood: unit, intent: unit }),
    });
  })
  .map(({ inner, terminalKinds, caller }) => ({
    id: 'fuzz-script',
    title: { it: 'Fuzz', en: 'Fuzz' },
    language: ['it', 'en'],
    rubric: 'LATTE',
    caller: { problem: 'fuzz', ...caller },
    start: 'n0',
    nodes: [
      ...inner.map((n) => ({
        id: `n${n.index}`,
        lines: n.lines,
        options: n.options.map((o, j) => ({ id: `o${j}`, text: o.text, tags: o.tags, duration: o.duration, effects: o.effects, goto: `n${o.goto}` })),
        ...(n.timeout ? { timeout: { after: n.timeout.after, goto: `n${n.timeout.goto}` } } : {}),
      })),
      ...terminalKinds.map((kind, i) => ({ id: `n${inner.length + i}`, outcome: kind, lines: [{ it: 'Fine.', en: 'End.' }] })),
    ],
  }));

/**
 * A random scenario with skill-based routing: 1–3 agent groups, each with a random subset of
 * the problem types as skills (every used problem type answered by some group) and maybe
 * overflow skills, maybe its own shift; overflow after 0–120 s or never; fifo or priority;
 * maybe callbacks offered in the queue.
 */
export const routedScenarioArb = scenarioArb.chain((scenario) => {
  const problems = scenario.problemTypes.map((problem) => problem.id);
  const used = [...new Set(scenario.callerTypes.map((type) => type.problem))];
  const [opening] = scenario.openingHours as [string];
  const [from, to] = opening.split('-') as [string, string];
  return fc
    .record({
      groups: fc.array(
        fc.record({
          count: fc.integer({ min: 1, max: 4 }),
          skills: fc.subarray(problems, { minLength: 1 }),
          overflowSkills: fc.subarray(problems),
          factor: positive(0.5, 2),
          shift: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      overflowAfter: fc.oneof(fc.constant('never' as const), fc.integer({ min: 0, max: 120 })),
      priority: fc.boolean(),
      callback: fc.option(fc.record({ offerWhenAhead: fc.integer({ min: 0, max: 3 }), acceptance: unit, delay: fc.integer({ min: 0, max: 600 }), reach: unit }), { nil: undefined }),
      priorities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: scenario.callerTypes.length, maxLength: scenario.callerTypes.length }),
    })
    .map(({ groups, overflowAfter, priority, callback, priorities }) => {
      // Every problem type a caller has is some group's skill: the first group takes the missing ones.
      const missing = used.filter((problem) => !groups.some((group) => group.skills.includes(problem)));
      const withSkills = groups.map((group, g) => ({ ...group, skills: g === 0 ? [...new Set([...group.skills, ...missing])] : group.skills }));
      return {
        ...scenario,
        callerTypes: scenario.callerTypes.map((type, i) => ({ ...type, ...(priority ? { priority: priorities[i]! } : {}) })),
        agents: {
          ...scenario.agents,
          count: withSkills.reduce((sum, group) => sum + group.count, 0),
          groups: withSkills.map((group, g) => ({
            id: `group-${g}`,
            count: group.count,
            costPerHour: 10 + g,
            skills: group.skills,
            ...(overflowAfter !== 'never' && group.overflowSkills.length > 0 ? { overflowSkills: group.overflowSkills } : {}),
            handleTimeFactor: group.factor,
            ...(group.shift ? { shifts: [{ from, to, count: group.count }] } : {}),
          })),
        },
        queue: { ...scenario.queue, discipline: priority ? 'priority' : 'fifo', overflowAfter, ...(callback !== undefined ? { callback } : {}) },
      };
    });
});

/**
 * A random scenario with the realism features switched on or off one by one: phone lines, a
 * maximum wait, announcements, offered callbacks, retrials, a virtual secretary, calls while
 * closed (voicemail, calling again), shifts with breaks and shrinkage, a priority tier, chat
 * and tickets answered by blended agents (some causing calls), after-call effects and costs.
 */
export const realismScenarioArb = scenarioArb.chain((scenario) => {
  const [opening] = scenario.openingHours as [string];
  const [from, to] = opening.split('-') as [string, string];
  const minutesOf = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  return fc
    .record({
      lines: maybe(fc.integer({ min: 1, max: 12 })),
      maxWait: maybe(fc.integer({ min: 10, max: 600 })),
      announcements: maybe(
        fc.record({ first: fc.integer({ min: 5, max: 120 }), every: fc.integer({ min: 0, max: 120 }), says: fc.constantFrom('position', 'expected-wait', 'please-hold'), hangUp: positive(0, 0.3) }),
      ),
      callback: maybe(fc.record({ offerWhenAhead: fc.integer({ min: 0, max: 3 }), acceptance: unit, delay: fc.integer({ min: 0, max: 600 }), reach: unit })),
      retrial: maybe(fc.record({ afterBlocked: unit, afterAbandoned: unit, afterDropped: unit, maxAttempts: fc.integer({ min: 2, max: 4 }) })),
      secretary: maybe(fc.record({ seats: fc.integer({ min: 0, max: 3 }), answers: fc.constantFrom('all', 'overflow'), solves: unit, callbackDelay: fc.integer({ min: 0, max: 3600 }), costPerCall: positive(0, 3) })),
      afterHours: maybe(fc.record({ callsPerHour: positive(0, 10), voicemail: unit, callAgain: unit })),
      shifts: fc.boolean(),
      priority: fc.boolean(),
      channels: maybe(fc.record({ chat: positive(0, 10), tickets: positive(0, 5), callAfter: unit, keepFree: fc.integer({ min: 0, max: 2 }) })),
      afterCall: fc.boolean(),
      costs: fc.boolean(),
    })
    .map((features) => {
      const agents = scenario.agents.count;
      return {
        ...scenario,
        callerTypes: scenario.callerTypes.map((type, i) => ({
          ...type,
          ...(features.priority ? { priority: i % 2 } : {}),
          ...(features.retrial !== undefined ? { retrial: { ...features.retrial, delay: { dist: 'exponential', mean: 300 } } } : {}),
        })),
        agents: {
          ...scenario.agents,
          ...(features.shifts
            ? { shifts: [{ from, to, count: agents }], breaks: [{ from, to: time(minutesOf(from) + 15), count: Math.max(1, agents - 1) }], shrinkage: 0.1 }
            : {}),
        },
        queue: {
          ...scenario.queue,
          ...(features.priority ? { discipline: 'priority' } : {}),
          ...(features.lines !== undefined ? { lines: features.lines } : {}),
          ...(features.maxWait !== undefined ? { maxWait: features.maxWait } : {}),
          ...(features.announcements !== undefined ? { announcements: features.announcements } : {}),
          ...(features.callback !== undefined ? { callback: features.callback } : {}),
        },
        ...(features.secretary !== undefined ? { secretary: features.secretary } : {}),
        ...(features.afterHours !== undefined ? { afterHours: features.afterHours } : {}),
        ...(features.channels !== undefined
          ? {
              channels: {
                chat: { perHour: features.channels.chat, handleTime: { dist: 'exponential', mean: 300 }, target: 120, patience: { dist: 'exponential', mean: 300 } },
                tickets: {
                  perHour: features.channels.tickets,
                  handleTime: { dist: 'exponential', mean: 600 },
                  target: 3600,
                  callAfter: { probability: features.channels.callAfter, after: 1800 },
                },
                blended: { agents: 'all', keepFree: Math.min(features.channels.keepFree, agents - 1) },
              },
            }
          : {}),
        ...(features.afterCall ? { afterCall: { lifetimeValue: 100, switchProbability: 0.3 } } : {}),
        ...(features.costs ? { costs: { telephonyPerMinute: 0.03, otherPerMonth: 100 } } : {}),
      };
    });
});
