/** The dispatch strategy and agent-selection policy a scenario asks for. */
import type { RandomStreams } from '../../kernel/rng.ts';
import type { Host } from '../feature.ts';
import type { SimulationModel } from '../model.ts';
import { longestIdle, RandomIdle } from './agentSelection.ts';
import type { Dispatch } from './dispatch.ts';
import { SinglePool } from './singlePool.ts';
import { SkillRouting } from './skillRouting.ts';

export function dispatchFor(model: SimulationModel, streams: RandomStreams, host: () => Host): Dispatch {
  const selection = model.config.agents.selection === 'random' ? new RandomIdle(streams.get('agentSelection')) : longestIdle;
  if (model.routing === null) return new SinglePool(model, streams, selection);
  const priorities = model.config.queue.discipline === 'priority' ? model.callerTypes.map((type) => type.priority) : null;
  return new SkillRouting(model.routing, priorities, selection, host);
}
