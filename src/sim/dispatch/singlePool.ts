/**
 * One queue and one pool of agents: every agent answers every caller; the queue's discipline
 * (fifo, lifo, random, priority) orders the callers, and the agent idle longest answers.
 */
import type { RandomStreams } from '../../kernel/rng.ts';
import { AgentPool } from '../agentPool.ts';
import type { LiveCaller } from '../liveCaller.ts';
import type { SimulationModel } from '../model.ts';
import { FifoQueue, LifoQueue, PriorityQueue, RandomQueue, type QueueDiscipline } from '../queue.ts';
import { longestIdle, type AgentSelection } from './agentSelection.ts';
import type { Dispatch } from './dispatch.ts';

export class SinglePool implements Dispatch {
  readonly queue: QueueDiscipline<LiveCaller>;
  readonly pools: readonly AgentPool[];
  private readonly team: AgentPool;
  /** Handle-time factor of each agent (agent groups without routing), or null when all are 1. */
  private readonly factors: Float64Array | null;

  private static readonly ONLY = [0] as const;

  constructor(
    model: SimulationModel,
    streams: RandomStreams,
    private readonly selection: AgentSelection,
  ) {
    this.queue = queueOf(model, streams);
    this.team = new AgentPool(model.agents);
    this.pools = [this.team];
    this.factors = model.agentHandleTimeFactors;
  }

  idleFor(): boolean {
    return this.team.idle > 0;
  }

  takeAgentFor(): number {
    // The agent free longest is the head of the one pool's ring: no policy call on the hot path.
    return this.selection === longestIdle ? this.team.take() : this.selection.take(this.pools, SinglePool.ONLY);
  }

  enqueue(caller: LiveCaller): void {
    this.queue.push(caller);
  }

  nextFor(): LiveCaller | undefined {
    return this.queue.size > 0 ? this.queue.pop() : undefined;
  }

  poolOf(): AgentPool {
    return this.team;
  }

  serviceTime(_caller: LiveCaller, agent: number, duration: number): number {
    const factors = this.factors;
    return factors === null ? duration : duration * factors[agent]!;
  }

  waitingFor(): number {
    return this.queue.size;
  }

  servingFor(): number {
    return this.team.onDuty;
  }

  callbacksMayStart(): boolean {
    return this.queue.size === 0;
  }

  idleForCallback(): boolean {
    return this.team.idle > 0;
  }

  takeAgentForCallback(): number {
    return this.selection.take(this.pools, SinglePool.ONLY);
  }

  mayCallBack(): boolean {
    return true;
  }
}

function queueOf(model: SimulationModel, streams: RandomStreams): QueueDiscipline<LiveCaller> {
  switch (model.config.queue.discipline) {
    case 'fifo':
      return new FifoQueue<LiveCaller>();
    case 'lifo':
      return new LifoQueue<LiveCaller>();
    case 'random':
      return new RandomQueue<LiveCaller>(streams.get('queue'));
    case 'priority': {
      const priorities = model.callerTypes.map((type) => type.priority);
      return new PriorityQueue<LiveCaller>((caller) => priorities[caller.typeIndex]!);
    }
  }
}
