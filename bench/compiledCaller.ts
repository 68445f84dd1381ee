/**
 * Micro-benchmark of stepping the caller machine alone (no simulator): each caller goes
 * initial → OFFER (queued) → ANSWER → SERVICE_END, through the compiled table and through
 * XState's own `transition()`. Prints callers/s for each.
 *
 *   node --import tsx bench/compiledCaller.ts [CALLERS=1000000] [XSTATE_CALLERS=50000]
 *
 * XState is slow enough that it steps fewer callers by default; the rate is what counts.
 *
 * The "in place" line steps the same callers through `initialInPlace` / `stepInPlace`, the API the
 * simulator uses (no snapshot or result objects).
 */
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { callerMachine, type CallerEvent, type CallerInput } from '../src/callers/caller.ts';
import { compileMachine } from '../src/callers/compile.ts';

const callers = Number(process.argv[2] ?? 1_000_000);
const xstateCallers = Number(process.argv[3] ?? 50_000);

/** Inputs and draws are varied a little (so nothing is constant-folded) but known in advance. */
function inputFor(i: number): CallerInput {
  return {
    patience: 60 + (i % 120),
    purchaseProbability: 0.3,
    resolutionProbability: 0.7,
    orderValue: 100,
    mood: 0.6,
    intentHalfLife: 90,
    callerType: 'new',
    problem: 'billing',
  };
}
const OFFER: CallerEvent = { type: 'OFFER', agentFree: false, queueHasRoom: true };
const answer = (i: number): CallerEvent => ({ type: 'ANSWER', waited: i % 50 });
const serviceEnd = (i: number): CallerEvent => ({ type: 'SERVICE_END', saleDraw: (i % 97) / 97, resolutionDraw: (i % 89) / 89 });

function compiledLoop(machine: AnyStateMachine, count: number): { seconds: number; purchased: number } {
  const compiled = compileMachine(machine as typeof callerMachine);
  const PURCHASED = compiled.stateId('done');
  let purchased = 0;
  let scheduled = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const start = compiled.initial(inputFor(i));
    const queued = compiled.step(start.snapshot, OFFER);
    scheduled += queued.scheduled.length;
    const inService = compiled.step(queued.snapshot, answer(i));
    const end = compiled.step(inService.snapshot, serviceEnd(i));
    if (end.snapshot.state === PURCHASED && end.snapshot.context.outcome === 'purchased') purchased++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (scheduled !== count) throw new Error('every caller should have scheduled its patience timer');
  return { seconds, purchased };
}

/** The same callers through the in-place API the simulator uses (`initialInPlace` / `stepInPlace`). */
function inPlaceLoop(count: number): { seconds: number; purchased: number } {
  const compiled = compileMachine(callerMachine);
  const caller = { state: 0, context: undefined as unknown as ReturnType<typeof compiled.initial>['snapshot']['context'] };
  let purchased = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    compiled.initialInPlace(caller, inputFor(i));
    compiled.stepInPlace(caller, OFFER);
    compiled.stepInPlace(caller, answer(i));
    if (compiled.stepInPlace(caller, serviceEnd(i)).done && caller.context.outcome === 'purchased') purchased++;
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, purchased };
}

function xstateLoop(count: number): { seconds: number; purchased: number } {
  let purchased = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const [start] = initialTransition(callerMachine, inputFor(i));
    const [queued] = transition(callerMachine, start, OFFER);
    const [inService] = transition(callerMachine, queued, answer(i));
    const [end] = transition(callerMachine, inService, serviceEnd(i));
    if (end.context.outcome === 'purchased') purchased++;
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, purchased };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

compiledLoop(callerMachine, Math.min(callers, 100_000)); // warm-up
inPlaceLoop(Math.min(callers, 100_000));
const compiled = compiledLoop(callerMachine, callers);
const inPlace = inPlaceLoop(callers);
const xstate = xstateLoop(xstateCallers);
const compiledRate = callers / compiled.seconds;
const inPlaceRate = callers / inPlace.seconds;
const xstateRate = xstateCallers / xstate.seconds;
console.log(`compiled table                ${fmt(compiledRate).padStart(11)} callers/s  (${fmt(callers)} callers, ${compiled.seconds.toFixed(2)} s; target ≥ 2,000,000)`);
console.log(`compiled, in place             ${fmt(inPlaceRate).padStart(11)} callers/s  (${fmt(callers)} callers, ${inPlace.seconds.toFixed(2)} s)`);
console.log(`XState transition()           ${fmt(xstateRate).padStart(11)} callers/s  (${fmt(xstateCallers)} callers, ${xstate.seconds.toFixed(2)} s)`);
console.log(`speed-up over XState          ${(compiledRate / xstateRate).toFixed(0)}×`);
console.log(`purchase share                compiled ${(compiled.purchased / callers).toFixed(4)}, in place ${(inPlace.purchased / callers).toFixed(4)}, XState ${(xstate.purchased / xstateCallers).toFixed(4)}`);
