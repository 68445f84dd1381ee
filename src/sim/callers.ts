/**
 * New calls: a caller type by share, then each draw of the caller (patience, intent, order
 * value, handle time, sale and resolution draws) from a stream of its own, so that plans
 * compared with the same seed meet the same callers. Draws whose value cannot matter for the
 * caller's type are not made (each kind of draw has its own stream, so no other kind shifts). Caller objects whose call ended are reused
 * (fewer allocations, and the few hundred recycled ones stay in the processor's cache: without
 * recycling the benchmark ran ~6% slower).
 */
import type { CallerInput } from '../callers/caller.ts';
import type { RandomStream, RandomStreams } from '../kernel/rng.ts';
import { LiveCaller } from './liveCaller.ts';
import type { SimulationModel } from './model.ts';

export type MutableCallerInput = { -readonly [K in keyof CallerInput]: CallerInput[K] };

export class Callers {
  /**
   * The caller machine's input for the next call, refilled per call: the machine's context
   * factory copies its fields (caller.ts) and keeps no reference to it.
   */
  readonly input: MutableCallerInput = {
    patience: 0,
    purchaseProbability: 0,
    resolutionProbability: 0,
    orderValue: 0,
    mood: 0,
    intentHalfLife: 0,
    callerType: '',
    problem: '',
  };
  private readonly callerTypeDraws: RandomStream;
  private readonly patienceDraws: RandomStream;
  private readonly intentDraws: RandomStream;
  /**
   * Draws whose value cannot matter are skipped: the caller type when there is one, the intent
   * when every type's purchase intent is 0 (the default) or 1. Each kind of draw has a stream of
   * its own, used nowhere else, so no other draw shifts.
   */
  private readonly intentDecided: boolean;
  private readonly orderValueDraws: RandomStream;
  private readonly handleTimeDraws: RandomStream;
  private readonly saleDraws: RandomStream;
  private readonly resolutionDraws: RandomStream;
  private readonly spare: LiveCaller[] = [];
  /** Per caller type: whether its callers can buy at all (purchase intent and conversion above 0). */
  private readonly buys: readonly boolean[];

  constructor(
    private readonly model: SimulationModel,
    streams: RandomStreams,
  ) {
    this.callerTypeDraws = streams.get('callerType');
    this.patienceDraws = streams.get('patience');
    this.intentDraws = streams.get('intent');
    this.intentDecided = model.callerTypes.every((type) => type.purchaseIntent <= 0 || type.purchaseIntent >= 1);
    this.orderValueDraws = streams.get('orderValue');
    this.handleTimeDraws = streams.get('handleTime');
    this.saleDraws = streams.get('sale');
    this.resolutionDraws = streams.get('resolution');
    this.buys = model.callerTypes.map((type) => type.purchaseIntent > 0 && type.problem.conversion > 0);
  }

  /**
   * A new customer's first call, number `id`, arriving `now`; the caller type by share, or
   * `fixedType` (≥ 0) with every draw from `draws` (calls caused by chat and tickets).
   */
  create(id: number, customer: number, now: number, fixedType: number, draws: RandomStream | null): LiveCaller {
    const callerTypes = this.model.callerTypes;
    let typeIndex = fixedType < 0 ? 0 : fixedType;
    if (fixedType < 0 && callerTypes.length > 1) {
      const shareDraw = this.callerTypeDraws.next();
      while (typeIndex < callerTypes.length - 1 && shareDraw >= callerTypes[typeIndex]!.cumulativeShare) typeIndex++;
    }
    const type = callerTypes[typeIndex]!;
    const input = this.input;
    input.patience = type.patience === null ? Infinity : type.patience(draws ?? this.patienceDraws);
    // A uniform draw in [0, 1) is below an intent of 1 and never below 0.
    const hadIntent = this.intentDecided ? type.purchaseIntent >= 1 : (draws ?? this.intentDraws).next() < type.purchaseIntent;
    input.purchaseProbability = hadIntent ? type.problem.conversion : 0;
    input.resolutionProbability = type.problem.resolution;
    input.orderValue = type.orderValue(draws ?? this.orderValueDraws);
    input.mood = type.mood;
    input.intentHalfLife = type.intentHalfLife;
    input.callerType = type.id;
    input.problem = type.problem.id;
    const handleTime = type.problem.handleTime(draws ?? this.handleTimeDraws);
    // A draw whose value cannot matter is not made: the sale draw of a type that never buys, the
    // resolution draw of a problem always (or never) solved. 1 is never below a probability, 0
    // always below one of 1.
    const saleDraw = this.buys[typeIndex] ? (draws ?? this.saleDraws).next() : 1;
    const resolution = type.problem.resolution;
    const resolutionDraw = resolution > 0 && resolution < 1 ? (draws ?? this.resolutionDraws).next() : resolution >= 1 ? 0 : 1;
    const caller = this.spare.pop() ?? new LiveCaller();
    caller.start(id, now, handleTime, saleDraw, resolutionDraw, hadIntent);
    caller.customer = customer;
    caller.attempt = 0;
    caller.firstArrival = now;
    caller.typeIndex = typeIndex;
    caller.problemIndex = type.problemIndex;
    caller.basePurchaseProbability = input.purchaseProbability;
    caller.viaCallback = false;
    return caller;
  }

  /** A caller whose call ended and who will not call again: reused for a later arrival. */
  recycle(caller: LiveCaller): void {
    this.spare.push(caller);
  }
}
