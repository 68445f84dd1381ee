/**
 * The script walker: a call, step by step, as pure functions of an immutable state.
 *
 * `start(script, caller, rng)` answers the call and enters the start node; `available(state)`
 * lists what the agent can reply; `choose(state, optionId)` applies the reply (its duration
 * and effects on the caller) and moves to the next node; `expire(state)` applies the node's
 * timeout. The call ends in an {@link Outcome}: the node's outcome, or the caller hanging up
 * when their patience runs out. `walk(...)` runs a whole call with a {@link Chooser}
 * (a simulated agent); a trainer UI drives `available`/`choose` itself.
 *
 * Determinism: the only draw from the caller's stream is the walk seed, taken by `start`.
 * Placeholder values come from a faker instance seeded with it (placeholders.ts); the caller
 * line variant at step k comes from `createStream(seed, 'callscript-line', k)`. So a state
 * fully determines what follows: `choose` on the same state and option always gives the same
 * result, states can be kept for undo, and nothing is shared between walks.
 *
 * Time: each step takes the agent's thinking time plus the option's duration (or the
 * fallback's duration, or the timeout's `after`).
 *
 * The caller is the simulator's XState caller machine (src/callers/caller.ts), stepped through
 * its compiled table: each step is an AGENT_SAYS event (seconds, effects) and the machine's
 * named actions move patience (down by the time, plus the patience effect), mood and intent
 * (clamped to 0…1) and the order value; its guard hangs up when patience reaches 0. At an
 * outcome node the walker sends CONVERSATION_END and the machine decides: at a sale node the
 * caller buys only if the sale draw is below their chance of buying (saleChance in src/callers/caller.ts:
 * intent × a mood factor); otherwise the call ends resolved. The simulator passes a uniform
 * draw; the trainer's default draw is −1, below any chance: reaching a sale node is a sale.
 */
import { callerMachine, type CallerContext, type CallerEvent, type CallerInput, type ConversationEnding } from '../callers/caller.ts';
import { compileMachine, type CompiledMachine, type CompiledSnapshot } from '../callers/compile.ts';
import { createStream, type RandomStream } from '../kernel/rng.ts';
import { drawPlaceholders, fillPlaceholders } from './placeholders.ts';
import { resolveRubric, scoreRubric, type RubricScore } from './rubrics.ts';
import {
  normalizeOutcome,
  scriptLanguages,
  textIn,
  type CallScript,
  type Condition,
  type Effects,
  type Language,
  type ScriptNode,
  type ScriptOption,
  type Text,
} from './schema.ts';

/** The caller as the script sees them during the call. */
export interface CallerState {
  /** Seconds of patience left; at 0 the caller hangs up. */
  readonly patience: number;
  /** 0 (furious) … 1 (delighted). */
  readonly mood: number;
  /** Purchase intent, 0 … 1. */
  readonly intent: number;
  /** Order value if the caller buys. */
  readonly value: number;
}

/** The caller at the start of the call; `value` defaults to the script's caller profile. */
export interface CallerStart {
  readonly patience: number;
  readonly mood: number;
  readonly intent: number;
  readonly value?: number;
}

/** Why the caller hung up: out of patience, the script says so, the agent had nothing to say, or the walk ran too long. */
export type HangUpReason = 'patience' | 'script' | 'no-option' | 'step-limit';

/** How the call ended, and at which node. */
export type Outcome =
  | { readonly kind: 'resolved' | 'callback' | 'escalated'; readonly node: string }
  | { readonly kind: 'sale'; readonly value: number; readonly node: string }
  | { readonly kind: 'hung-up'; readonly reason: HangUpReason; readonly node: string };

/** What happened at a step. */
export type Action =
  | { readonly kind: 'option'; readonly option: string; readonly text: string; readonly tags: readonly string[] }
  | { readonly kind: 'fallback'; readonly line: string | undefined }
  | { readonly kind: 'timeout'; readonly line: string | undefined }
  | { readonly kind: 'end' };

/** One step of the call: the node, what the caller said there, what happened, the caller after it. */
export interface TranscriptEntry {
  /** 0-based step number. */
  readonly step: number;
  readonly node: string;
  /** The caller's line at the node (undefined if the node has none, or when not rendering). */
  readonly line: string | undefined;
  readonly action: Action;
  /** Seconds the step took (thinking + duration, or the timeout). */
  readonly seconds: number;
  /** The caller after the step (patience not below 0). */
  readonly caller: CallerState;
  /** Seconds since the call was answered, after the step. */
  readonly elapsed: number;
}

/** The state of a call in progress (or over, when `outcome` is set). Immutable. */
export interface WalkState {
  readonly script: CallScript;
  readonly language: Language;
  /** Seed of this walk, drawn from the caller's stream by `start`. */
  readonly seed: number;
  /** Whether texts are rendered (placeholders filled, caller lines picked). */
  readonly render: boolean;
  /** Placeholder values of this call (empty when not rendering). */
  readonly values: Readonly<Record<string, string>>;
  /** Current node id (the last node, once the call is over). */
  readonly node: string;
  /** What the caller said on reaching the current node. */
  readonly line: string | undefined;
  readonly caller: CallerState;
  readonly elapsed: number;
  /** Choices made, as `node.option`, in order. */
  readonly chosen: readonly string[];
  readonly transcript: readonly TranscriptEntry[];
  readonly outcome: Outcome | undefined;
  /** The caller machine (compiled snapshot): in service during the call, in an outcome state after it. */
  readonly machine: CompiledSnapshot<CallerContext>;
  /** Uniform draw that decides, at a sale node, whether the caller buys (saleChance in src/callers/caller.ts). */
  readonly saleDraw: number;
}

/** An option the agent can choose now, with its text rendered. */
export interface AvailableOption {
  readonly id: string;
  readonly text: string;
  readonly tags: readonly string[];
  readonly duration: number;
  readonly effects: Effects;
  readonly goto: string;
  readonly once: boolean;
}

export interface StartOptions {
  /** Language of the call; default the script's first language. */
  readonly language?: Language;
  /**
   * Render texts (default true). The simulator, which needs outcomes and not words, passes
   * false: no faker instance is created (it costs ~0.2 ms) and lines stay undefined.
   */
  readonly render?: boolean;
  /**
   * Draw that decides at a sale node whether the caller buys: they buy if it is below their
   * chance (saleChance in src/callers/caller.ts), a number from 0 to 1. Default −1, below any
   * chance: every caller who reaches a sale node buys (the trainer, where the script decides).
   */
  readonly saleDraw?: number;
  /**
   * The simulator's caller, already answered (in service) with the context its wait left:
   * the walk converses with this machine instead of a fresh caller built from `caller`, whose
   * `patience` and `intent` then start the conversation (mood and value come from the machine).
   */
  readonly machine?: CompiledSnapshot<CallerContext>;
  /** Whether the caller means to buy at all (default true); one who does not never buys. */
  readonly buyer?: boolean;
}

export interface ChooseOptions {
  /** Seconds the agent took to decide (default 0); if it reaches the node's timeout, the timeout applies instead. */
  readonly thinking?: number;
  /** The agent's pace (default 1): the reply takes its duration / speed, so 0.8 is 25% slower than written. */
  readonly speed?: number;
}

/** A simulated agent: picks one of the available options (never called with none). */
export type Chooser = (
  options: readonly AvailableOption[],
  state: WalkState,
) => string | { readonly option: string; readonly thinking?: number; readonly speed?: number };

/** A mistake in driving the walker (choosing an option that is not available, acting after the end…). */
export class WalkError extends Error {
  override name = 'WalkError';
}

/** A sale draw below every chance of buying: reaching a sale node is a sale. */
const ALWAYS_BUYS = -1;

/** Consecutive automatic steps (fallbacks) allowed before the walker declares a loop. */
const MAX_AUTOMATIC_STEPS = 1000;

const nodeIndexes = new WeakMap<CallScript, Map<string, ScriptNode>>();

function nodeOf(script: CallScript, id: string): ScriptNode {
  let index = nodeIndexes.get(script);
  if (index === undefined) {
    index = new Map();
    for (const node of script.nodes) if (!index.has(node.id)) index.set(node.id, node);
    nodeIndexes.set(script, index);
  }
  const node = index.get(id);
  if (node === undefined) throw new WalkError(`the script ${script.id} has no node ${id} (run callfloor lint on it)`);
  return node;
}

function clampUnit(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/**
 * The caller machine compiled once into its transition table (src/callers/compile.ts): an
 * immutable table whose `step` returns new snapshots, so walk states stay immutable. Measured
 * on a conversation (OFFER, CONVERSATION_START, 6 × AGENT_SAYS, CONVERSATION_END): 0.8 µs a
 * step, against 97 µs for XState's exported `transition()` (which builds an actor scope per
 * call), so the simulator can walk a script for every answered call.
 */
const compiledCaller: CompiledMachine<CallerContext, CallerEvent, CallerInput> = compileMachine(callerMachine);

/** The caller as the script sees them, read from the machine's context. */
function callerOf(context: CallerContext): CallerState {
  return { patience: context.callPatience, mood: context.mood, intent: context.intent, value: context.orderValue };
}

/** A fresh caller machine, answered at once and in service (the trainer's caller). */
function freshMachine(script: CallScript, caller: CallerStart): CompiledSnapshot<CallerContext> {
  const input: CallerInput = {
    patience: Infinity,
    purchaseProbability: 1,
    resolutionProbability: 0,
    orderValue: caller.value ?? script.caller.value,
    mood: clampUnit(caller.mood),
    intentHalfLife: Infinity,
    callerType: 'script',
    problem: script.caller.problem,
  };
  return compiledCaller.step(compiledCaller.initial(input).snapshot, { type: 'OFFER', agentFree: true, queueHasRoom: true }).snapshot;
}

/** The machine's name for the leaf state it ended in (e.g. 'outcome.purchased'). */
function machineState(machine: CompiledSnapshot<CallerContext>): string {
  return compiledCaller.stateNames[machine.state]!;
}

/** Sends the script's ending to the machine; the outcome is what the machine decided. */
function endCall(state: WalkState, ending: ConversationEnding, nodeValue: number | undefined, reason: HangUpReason): WalkState {
  const event: CallerEvent =
    nodeValue !== undefined
      ? { type: 'CONVERSATION_END', ending, saleDraw: state.saleDraw, value: nodeValue }
      : { type: 'CONVERSATION_END', ending, saleDraw: state.saleDraw };
  const machine = compiledCaller.step(state.machine, event).snapshot;
  const node = state.node;
  const context = machine.context;
  const outcome: Outcome =
    context.outcome === 'purchased'
      ? { kind: 'sale', value: context.orderValue, node }
      : context.outcome === 'resolved' || context.outcome === 'callback' || context.outcome === 'escalated'
        ? { kind: context.outcome, node }
        : { kind: 'hung-up', reason, node };
  return { ...state, machine, caller: callerOf(context), outcome };
}

function render(state: Pick<WalkState, 'language' | 'values' | 'render'>, text: Text): string {
  const words = textIn(text, state.language);
  return state.render ? fillPlaceholders(words, state.values) : words;
}

/** Answers the call: draws the walk seed from `rng` and enters the start node. */
export function start(script: CallScript, caller: CallerStart, rng: RandomStream, options: StartOptions = {}): WalkState {
  const languages = scriptLanguages(script);
  const language = options.language ?? languages[0]!;
  const shouldRender = options.render ?? true;
  const seed = Math.floor(rng.next() * 2 ** 32);
  const inService = options.machine ?? freshMachine(script, caller);
  if (machineState(inService) !== 'inService') throw new WalkError(`the caller machine must be in service to talk, not in ${machineState(inService)}`);
  const machine = compiledCaller.step(inService, {
    type: 'CONVERSATION_START',
    patience: caller.patience,
    intent: caller.intent,
    buyer: options.buyer ?? true,
  }).snapshot;
  const initial: WalkState = {
    script,
    language,
    seed,
    render: shouldRender,
    values: shouldRender ? drawPlaceholders(script, language, seed) : {},
    node: script.start,
    line: undefined,
    caller: callerOf(machine.context),
    elapsed: 0,
    chosen: [],
    transcript: [],
    outcome: undefined,
    machine,
    saleDraw: options.saleDraw ?? ALWAYS_BUYS,
  };
  if (!(caller.patience > 0)) return endCall(initial, 'hung-up', undefined, 'patience');
  return enter(initial, script.start);
}

/** The caller state for a script's declared caller profile. */
export function profileCaller(script: CallScript): CallerStart {
  const { patience, mood, intent, value } = script.caller;
  return { patience, mood, intent, value };
}

/** Whether a condition holds now. */
export function conditionHolds(when: Condition | undefined, state: Pick<WalkState, 'caller' | 'elapsed' | 'chosen'>): boolean {
  if (when === undefined) return true;
  const values = { patience: state.caller.patience, mood: state.caller.mood, intent: state.caller.intent, elapsed: state.elapsed };
  for (const variable of ['patience', 'mood', 'intent', 'elapsed'] as const) {
    const bounds = when[variable];
    if (bounds === undefined) continue;
    if (bounds.min !== undefined && values[variable] < bounds.min) return false;
    if (bounds.max !== undefined && values[variable] > bounds.max) return false;
  }
  for (const ref of when.chose ?? []) if (!wasChosen(state.chosen, ref)) return false;
  for (const ref of when.notChose ?? []) if (wasChosen(state.chosen, ref)) return false;
  return true;
}

/** `node.option` matches exactly; a bare `option` matches that option at any node. */
function wasChosen(chosen: readonly string[], ref: string): boolean {
  if (ref.includes('.')) return chosen.includes(ref);
  return chosen.some((made) => made.slice(made.indexOf('.') + 1) === ref);
}

function isAvailable(state: WalkState, node: ScriptNode, option: ScriptOption): boolean {
  if (option.once && state.chosen.includes(`${node.id}.${option.id}`)) return false;
  return conditionHolds(option.when, state);
}

/** The options the agent can choose now, in script order (none once the call is over). */
export function available(state: WalkState): AvailableOption[] {
  if (state.outcome !== undefined) return [];
  const node = nodeOf(state.script, state.node);
  return node.options
    .filter((option) => isAvailable(state, node, option))
    .map((option) => ({
      id: option.id,
      text: render(state, option.text),
      tags: option.tags,
      duration: option.duration,
      effects: option.effects,
      goto: option.goto,
      once: option.once,
    }));
}

/** Seconds the agent may think at the current node before its timeout applies (undefined: no timeout). */
export function timeoutSeconds(state: WalkState): number | undefined {
  if (state.outcome !== undefined) return undefined;
  return nodeOf(state.script, state.node).timeout?.after;
}

/** The agent replies with `optionId`; after `thinking` seconds at or beyond the node's timeout, the timeout applies instead. */
export function choose(state: WalkState, optionId: string, options: ChooseOptions = {}): WalkState {
  if (state.outcome !== undefined) throw new WalkError(`the call is over (${state.outcome.kind}); no option can be chosen`);
  const thinking = options.thinking ?? 0;
  if (!(thinking >= 0)) throw new WalkError(`thinking time must be 0 or more seconds, not ${thinking}`);
  const speed = options.speed ?? 1;
  if (!(speed > 0 && speed < Infinity)) throw new WalkError(`speed must be a number above 0, not ${speed}`);
  const node = nodeOf(state.script, state.node);
  const option = node.options.find((o) => o.id === optionId);
  if (option === undefined || !isAvailable(state, node, option)) {
    const ids = available(state).map((o) => o.id);
    throw new WalkError(`option ${optionId} is not available at node ${node.id} (available: ${ids.join(', ') || 'none'})`);
  }
  if (node.timeout !== undefined && thinking >= node.timeout.after) return expire(state);
  return step(
    state,
    { kind: 'option', option: option.id, text: render(state, option.text), tags: option.tags },
    thinking + option.duration / speed,
    option.effects,
    option.goto,
    `${node.id}.${option.id}`,
  );
}

/** The agent took too long: applies the current node's timeout. */
export function expire(state: WalkState): WalkState {
  if (state.outcome !== undefined) throw new WalkError(`the call is over (${state.outcome.kind})`);
  const node = nodeOf(state.script, state.node);
  const timeout = node.timeout;
  if (timeout === undefined) throw new WalkError(`node ${node.id} has no timeout`);
  const line = timeout.line !== undefined ? render(state, timeout.line) : undefined;
  return step(state, { kind: 'timeout', line }, timeout.after, timeout.effects, timeout.goto, undefined);
}

/** The caller hears a step of `seconds` with `effects`: the machine's actions change them, its guard hangs up. */
function hear(state: WalkState, seconds: number, effects: Effects): { machine: CompiledSnapshot<CallerContext>; caller: CallerState; hungUp: boolean } {
  const machine = compiledCaller.step(state.machine, { type: 'AGENT_SAYS', seconds, effects }).snapshot;
  return { machine, caller: callerOf(machine.context), hungUp: machine.status === 'done' };
}

function step(state: WalkState, action: Action, seconds: number, effects: Effects, goto: string, choice: string | undefined): WalkState {
  const { machine, caller, hungUp } = hear(state, seconds, effects);
  const elapsed = state.elapsed + seconds;
  const entry: TranscriptEntry = { step: state.transcript.length, node: state.node, line: state.line, action, seconds, caller, elapsed };
  const next: WalkState = {
    ...state,
    machine,
    caller,
    elapsed,
    chosen: choice !== undefined ? [...state.chosen, choice] : state.chosen,
    transcript: [...state.transcript, entry],
  };
  if (hungUp) return { ...next, outcome: { kind: 'hung-up', reason: 'patience', node: state.node } };
  return enter(next, goto);
}

/** Enters a node: the caller's line, then the outcome, or the fallback if no option is available. */
function enter(state: WalkState, nodeId: string): WalkState {
  let current = state;
  let id = nodeId;
  for (let automatic = 0; ; automatic++) {
    const node = nodeOf(current.script, id);
    current = { ...current, node: id, line: pickLine(current, node) };
    const outcome = normalizeOutcome(node.outcome);
    if (outcome !== undefined) {
      const ended = endCall(current, outcome.kind, outcome.value, 'script');
      return { ...ended, transcript: [...current.transcript, endEntry(ended)] };
    }
    if (node.options.some((option) => isAvailable(current, node, option))) return current;
    if (node.fallback === undefined || automatic >= MAX_AUTOMATIC_STEPS) {
      const reason: HangUpReason = node.fallback === undefined ? 'no-option' : 'step-limit';
      return { ...endCall(current, 'hung-up', undefined, reason), transcript: [...current.transcript, endEntry(current)] };
    }
    const { fallback } = node;
    const line = fallback.line !== undefined ? render(current, fallback.line) : undefined;
    const { machine, caller, hungUp } = hear(current, fallback.duration, fallback.effects);
    const elapsed = current.elapsed + fallback.duration;
    const entry: TranscriptEntry = {
      step: current.transcript.length,
      node: id,
      line: current.line,
      action: { kind: 'fallback', line },
      seconds: fallback.duration,
      caller,
      elapsed,
    };
    current = { ...current, machine, caller, elapsed, transcript: [...current.transcript, entry] };
    if (hungUp) return { ...current, outcome: { kind: 'hung-up', reason: 'patience', node: id } };
    id = fallback.goto;
  }
}

function endEntry(state: WalkState): TranscriptEntry {
  return { step: state.transcript.length, node: state.node, line: state.line, action: { kind: 'end' }, seconds: 0, caller: state.caller, elapsed: state.elapsed };
}

/** The caller line variant for this step, from the walk's own stream for the step. */
function pickLine(state: WalkState, node: ScriptNode): string | undefined {
  if (!state.render || node.lines.length === 0) return undefined;
  const index = node.lines.length === 1 ? 0 : Math.floor(createStream(state.seed, 'callscript-line', state.transcript.length).next() * node.lines.length);
  return render(state, node.lines[index]!);
}

export interface WalkOptions extends StartOptions {
  /** Agent choices allowed before the walk stops with the caller hanging up ('step-limit'); default 500. */
  readonly maxSteps?: number;
}

/** A whole call. */
export interface WalkResult {
  readonly outcome: Outcome;
  readonly transcript: readonly TranscriptEntry[];
  readonly caller: CallerState;
  readonly elapsed: number;
  readonly state: WalkState;
}

/** Runs a whole call: the chooser picks an option at each node until the call ends. */
export function walk(script: CallScript, caller: CallerStart, rng: RandomStream, chooser: Chooser, options: WalkOptions = {}): WalkResult {
  const maxSteps = options.maxSteps ?? 500;
  let state = start(script, caller, rng, options);
  for (let steps = 0; state.outcome === undefined; steps++) {
    if (steps >= maxSteps) {
      state = endCall(state, 'hung-up', undefined, 'step-limit');
      break;
    }
    const choices = available(state);
    const choice = chooser(choices, state);
    state =
      typeof choice === 'string'
        ? choose(state, choice)
        : choose(state, choice.option, { thinking: choice.thinking ?? 0, ...(choice.speed !== undefined ? { speed: choice.speed } : {}) });
  }
  return { outcome: state.outcome!, transcript: state.transcript, caller: state.caller, elapsed: state.elapsed, state };
}

/** Tags of the options chosen, one list per choice, in order. */
export function chosenTags(transcript: readonly TranscriptEntry[]): string[][] {
  return transcript.flatMap((entry) => (entry.action.kind === 'option' ? [[...entry.action.tags]] : []));
}

/** Scores a call with its script's rubric. */
export function scoreCall(state: Pick<WalkState, 'script' | 'transcript'>): RubricScore {
  return scoreRubric(resolveRubric(state.script.rubric), chosenTags(state.transcript));
}
