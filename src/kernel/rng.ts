import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * A named, seeded source of uniform random numbers.
 *
 * Every random draw in the core comes from one of these, never from `Math.random`, so a
 * run is a pure function of its seed. Streams are mutable on purpose: the simulator's hot
 * loop calls `next()` millions of times and must not allocate.
 */
export interface RandomStream {
  /** The name the stream was derived from (e.g. `'arrivals'`), for diagnostics. */
  readonly name: string;
  /** Uniform double in [0, 1) with 53 random bits: a multiple of 2⁻⁵³, never 1. */
  next(): number;
}

const TWO_POW_26 = 67_108_864;
const TWO_POW_32 = 4_294_967_296;
const TWO_POW_MINUS_53 = 1 / 9_007_199_254_740_992;

/** Outputs thrown away after seeding, so the first draws do not echo the hashed seed words. */
const WARM_UP_DRAWS = 16;

/**
 * xoroshiro128+ (from pure-rand) behind the {@link RandomStream} interface.
 *
 * pure-rand's `next()` yields the low 32 bits of the 64-bit xoroshiro128+ sum. The lowest
 * bits of that sum are the generator's weak spot (bit 0 is a plain LFSR), so a double is
 * built from the top 27 bits of one output and the top 26 bits of the next one.
 * Two generator steps per double is the price of 53 bits.
 *
 * Only one class implements `RandomStream` in the core, so `next()` call sites stay
 * monomorphic and V8 inlines them.
 */
class XoroshiroStream implements RandomStream {
  constructor(
    readonly name: string,
    private readonly generator: JumpableRandomGenerator,
  ) {}

  next(): number {
    const high = this.generator.next() >>> 5;
    const low = this.generator.next() >>> 6;
    return (high * TWO_POW_26 + low) * TWO_POW_MINUS_53;
  }
}

/**
 * FNV-1a (32-bit) of a name's UTF-16 code units. It turns the stream name into a number
 * for seeding; the quality comes from the mixing in {@link murmur3Words}, not from here.
 */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3 finaliser: a bijection on 32-bit words with full avalanche. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 (x86, 32-bit) of a list of 32-bit words, with the given hash seed. */
function murmur3Words(words: readonly number[], hashSeed: number): number {
  let h = hashSeed | 0;
  for (const word of words) {
    let k = Math.imul(word, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ (words.length * 4));
}

/** Low and high 32-bit words of a safe integer (two's complement for negatives). */
function splitSafeInteger(value: number): [number, number] {
  return [value >>> 0, Math.floor(value / TWO_POW_32) >>> 0];
}

function requireSafeInteger(what: string, value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `createStream: ${what} is ${String(value)}, not an integer — pass a whole number (e.g. run.seed from the scenario).`,
    );
  }
}

/**
 * Creates the random stream for one kind of draw in one replication.
 *
 * Why named streams: the simulator uses common random numbers. Each kind of draw
 * (arrivals, patience, handle time…) gets its own stream, so the n-th caller's patience is
 * the same draw whether the plan has 10 agents or 12 — changing the staffing does not shift
 * the callers' patience draws, and the difference between two plans is the effect of the
 * plan, not of reshuffled randomness. Replications get unrelated streams, so they are
 * independent samples for confidence intervals.
 *
 * How: the seed, the replication and the FNV-1a hash of the name are mixed by MurmurHash3
 * (four times, with four hash seeds) into the full 128-bit xoroshiro128+ state, so nearby
 * inputs (seed 1 vs 2, `'a'` vs `'b'`, replication 0 vs 1) land on unrelated points of the
 * 2¹²⁸−1 period; the first {@link WARM_UP_DRAWS} outputs are discarded to decorrelate further.
 * Only 32-bit integer arithmetic is involved, so the sequence is bit-identical on every
 * machine and JavaScript engine.
 *
 * @param seed Master seed (a safe integer; scenarios use 0 … 2³²−1).
 * @param name Kind of draw, e.g. `'arrivals'`.
 * @param replication Replication number (a safe integer), 0 by default.
 */
export function createStream(seed: number, name: string, replication = 0): RandomStream {
  requireSafeInteger('the seed', seed);
  requireSafeInteger('the replication', replication);
  const [seedLow, seedHigh] = splitSafeInteger(seed);
  const [replicationLow, replicationHigh] = splitSafeInteger(replication);
  const words = [seedLow, seedHigh, replicationLow, replicationHigh, fnv1a32(name)];
  const state = [
    murmur3Words(words, 0x9e3779b9),
    murmur3Words(words, 0x3c6ef372),
    murmur3Words(words, 0xdaa66d2b),
    murmur3Words(words, 0x78dde6e4),
  ];
  // xoroshiro128+ is stuck at zero forever from the all-zero state.
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  const generator = xoroshiro128plusFromState(state.map((word) => word | 0));
  for (let i = 0; i < WARM_UP_DRAWS; i++) generator.next();
  return new XoroshiroStream(name, generator);
}

/**
 * Lazily creates and caches the named streams of one replication: asking twice for the
 * same name returns the same (already advanced) stream, so every part of the simulator
 * that draws, say, handle times shares one sequence.
 */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  /**
   * @param seed Master seed of the run.
   * @param replication Replication number; each one gets its own independent streams.
   */
  constructor(
    readonly seed: number,
    readonly replication: number,
  ) {
    requireSafeInteger('the seed', seed);
    requireSafeInteger('the replication', replication);
  }

  /** The stream for this kind of draw, created on first use. */
  get(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = createStream(this.seed, name, this.replication);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
