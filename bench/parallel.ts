/**
 * `node --import tsx bench/parallel.ts [REPLICATIONS] [MAX_WORKERS]`: wall-clock time of the
 * same replications (the bundled shop over a simulated month) with 1, 2, … N worker threads,
 * and the speed-up over one: "cold" includes starting the threads (each loads tsx and the
 * sources, a second or two), as a one-off command sees it; "warm" is a pool already started,
 * as the optimizer's later rounds see it. Results are checked identical for every count.
 */
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../src/parallel/pool.ts';
import { runScenarioParallel } from '../src/parallel/runScenarios.ts';
import { runToJson } from '../src/report/runReport.ts';
import { loadScenarioFile } from '../src/scenario/load.ts';

const replications = Number(process.argv[2] ?? 16);
const maxWorkers = Number(process.argv[3] ?? availableParallelism());
const loaded = await loadScenarioFile('scenarios/bottega.yaml');
if (!loaded.ok) throw new Error('scenarios/bottega.yaml does not load');
const scenario = { ...loaded.scenario, run: { ...loaded.scenario.run, days: 300, replications } };

console.log(`Parallel replications: bottega.yaml × ${replications} replications of 300 days (~${Math.round(replications * 300 * 150).toLocaleString('en-GB')} calls), on ${availableParallelism()} cores (node ${process.version})`);
let base = NaN;
let reference = '';
let warmBase = NaN;
for (let workers = 1; workers <= maxWorkers; workers++) {
  const started = performance.now();
  const result = await runScenarioParallel(scenario, { workers });
  const seconds = (performance.now() - started) / 1000;
  const json = JSON.stringify(runToJson(result));
  if (workers === 1) {
    base = seconds;
    reference = json;
  } else if (json !== reference) throw new Error(`${workers} workers gave a different result from 1 worker`);
  const pool = new WorkerPool(workers);
  await runScenarioParallel({ ...scenario, run: { ...scenario.run, days: 1 } }, { pool, replications: workers });
  const warmStart = performance.now();
  const warm = await runScenarioParallel(scenario, { pool });
  const warmSeconds = (performance.now() - warmStart) / 1000;
  await pool.close();
  if (JSON.stringify(runToJson(warm)) !== reference) throw new Error(`a warm pool of ${workers} gave a different result`);
  if (workers === 1) warmBase = warmSeconds;
  console.log(
    `${String(workers).padStart(2)} workers  cold ${seconds.toFixed(2).padStart(6)} s ×${(base / seconds).toFixed(2)}  ` +
      `warm ${warmSeconds.toFixed(2).padStart(6)} s ×${(warmBase / warmSeconds).toFixed(2)}  (identical result: yes)`,
  );
}
