import { InvalidArgumentError, type Command } from 'commander';
import type { Language } from '../../report/format.ts';
import { renderErlangTable, type ErlangRow } from '../../report/erlangTable.ts';
import type { ServiceLevelDenominator } from '../../scenario/schema.ts';
import { erlangA, erlangC, minimumAgents } from '../../staffing/index.ts';
import { CliError } from '../cliError.ts';
import type { Io } from '../io.ts';
import { numberOption, parseDurationOption, parseRate } from '../options.ts';
import { parseLanguage } from './run.ts';

interface ErlangOptions {
  rate: number;
  aht: number;
  patience?: number;
  agents?: string;
  threshold: number;
  target?: number;
  maxAbandon?: number;
  slDefinition: ServiceLevelDenominator;
  lang: Language;
  json?: boolean;
}

/** `12`, or a range `10..16`. */
function parseAgents(text: string): [number, number] {
  const match = /^\s*(\d+)\s*(?:\.\.\s*(\d+))?\s*$/.exec(text);
  if (!match) throw new InvalidArgumentError(`--agents must be a number such as 12 or a range such as 10..16, got "${text}".`);
  const from = Number(match[1]);
  const to = match[2] ? Number(match[2]) : from;
  if (from < 1 || to < from || to - from > 1000) {
    throw new InvalidArgumentError(`--agents range ${text} must start at 1 or more, go upwards and span at most 1000.`);
  }
  return [from, to];
}

function parseDefinition(text: string): ServiceLevelDenominator {
  if (text === 'offered' || text === 'answered' || text === 'offered-excluding-short-abandons') return text;
  throw new InvalidArgumentError(`--sl-definition must be offered, answered or offered-excluding-short-abandons, got "${text}".`);
}

export function registerErlang(program: Command, io: Io): void {
  program
    .command('erlang')
    .description('queueing formulas: Erlang C (no abandonment) or Erlang A (with --patience); find the fewest agents with --target')
    .requiredOption('--rate <rate>', 'calls offered: 120 (per hour), 120/h, 100/30min, 2/s')
    .requiredOption('--aht <seconds>', 'average handle time: 180, 180s, 3min', parseDurationOption('--aht'))
    .option('--patience <seconds>', 'mean patience (exponential); omit for Erlang C', parseDurationOption('--patience'))
    .option('--agents <n>', 'agents, or a range such as 10..16 to compare')
    .option('--threshold <seconds>', 'service-level threshold', parseDurationOption('--threshold'), 20)
    .option('--target <share>', 'find the fewest agents whose service level reaches this share (0.8 for 80/20)', numberOption('--target', { min: 0, max: 1 }))
    .option('--max-abandon <share>', 'with --target: also keep abandonment at or below this share', numberOption('--max-abandon', { min: 0, max: 1 }))
    .option('--sl-definition <name>', 'offered, answered or offered-excluding-short-abandons', parseDefinition, 'offered')
    .option('--lang <lang>', 'it or en', parseLanguage, 'en')
    .option('--json', 'print JSON instead of a table')
    .action((options: ErlangOptions & { rate: string }) => {
      let arrivalRate: number;
      try {
        arrivalRate = parseRate(options.rate);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const patience = options.patience ?? Infinity;
      if (options.aht <= 0) throw new CliError('--aht must be more than 0 seconds.');
      if (patience <= 0) throw new CliError('--patience must be more than 0 seconds (omit it for Erlang C).');
      let agentRange: [number, number];
      let recommended: number | undefined;
      if (options.target !== undefined || options.maxAbandon !== undefined) {
        const found = minimumAgents({
          arrivalRate,
          meanHandleTime: options.aht,
          ...(Number.isFinite(patience) ? { meanPatience: patience } : {}),
          thresholdSeconds: options.threshold,
          targetServiceLevel: options.target ?? 0,
          ...(options.maxAbandon !== undefined ? { maxAbandonment: options.maxAbandon } : {}),
          serviceLevelDenominator: options.slDefinition,
        });
        recommended = found.agents;
        agentRange = options.agents ? parseAgents(options.agents) : [Math.max(1, found.agents - 2), found.agents + 2];
      } else if (options.agents) {
        agentRange = parseAgents(options.agents);
      } else {
        throw new CliError('give --agents N (or a range 10..16) to evaluate, or --target 0.8 to find the fewest agents.');
      }
      const rows: ErlangRow[] = [];
      for (let agents = agentRange[0]; agents <= agentRange[1]; agents++) {
        const params = { arrivalRate, meanHandleTime: options.aht, agents };
        rows.push(
          Number.isFinite(patience)
            ? { agents, model: 'A', result: erlangA({ ...params, meanPatience: patience }, options.threshold) }
            : { agents, model: 'C', result: erlangC(params, options.threshold) },
        );
      }
      const input = { arrivalRate, meanHandleTime: options.aht, meanPatience: patience, thresholdSeconds: options.threshold, definition: options.slDefinition };
      if (options.json) {
        io.stdout(JSON.stringify({ input: { ...input, meanPatience: Number.isFinite(patience) ? patience : null }, recommended: recommended ?? null, rows }, null, 2) + '\n');
      } else {
        io.stdout(renderErlangTable(rows, { ...input, recommended, target: options.target, language: options.lang }) + '\n');
      }
    });
}
