/**
 * Distribution parameters the schema cannot check (min ≤ max, weights that match the
 * values…), for every distribution of the scenario; the rules are the distributions' own.
 */
import { checkDistribution } from '../../dists/sample.ts';
import { distributionSchema } from '../../dists/schema.ts';
import { errorCatalogue, isErrorCode } from '../errors.ts';
import type { Finding, Path } from '../finding.ts';
import { formatPath } from '../words.ts';
import { field, items, parsedOr } from './values.ts';

export function distributionFindings(data: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const callerTypes = items(data.callerTypes);
  const problemTypes = items(data.problemTypes);
  const distributions: Array<{ path: Path; value: unknown }> = [];
  callerTypes.forEach((caller, i) => {
    distributions.push({ path: ['callerTypes', i, 'patience'], value: field(caller, 'patience') });
    distributions.push({ path: ['callerTypes', i, 'orderValue'], value: field(caller, 'orderValue') });
  });
  problemTypes.forEach((problem, i) => distributions.push({ path: ['problemTypes', i, 'handleTime'], value: field(problem, 'handleTime') }));
  for (const channel of ['chat', 'tickets']) {
    const config = field(data.channels, channel);
    for (const key of ['handleTime', 'patience']) distributions.push({ path: ['channels', channel, key], value: field(config, key) });
  }
  for (const { path, value } of distributions) {
    const spec = parsedOr(distributionSchema, value);
    if (spec === undefined) continue;
    for (const problem of checkDistribution(spec)) {
      const [what, ...advice] = problem.message.split(' — ');
      findings.push({
        code: isErrorCode(problem.code) ? problem.code : 'SCHEMA_RANGE',
        path: [...path, ...problem.path],
        message: `${formatPath(path)}: ${(what ?? problem.message).replace(/\.$/, '')}`,
        hint: advice.length > 0 ? advice.join(' — ').replace(/\.$/, '') : errorCatalogue[isErrorCode(problem.code) ? problem.code : 'SCHEMA_RANGE'].whatToDo,
      });
    }
  }
  return findings;
}
