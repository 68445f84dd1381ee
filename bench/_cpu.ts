const [root = '.', variant = 'engine', n = '1000000'] = process.argv.slice(2);
const { prepareModel } = await import(`${root}/src/sim/model.ts`);
let simulate;
try { ({ simulate } = await import(`${root}/src/sim/replication.ts`)); } catch { ({ simulate } = await import(`${root}/src/sim/engine.ts`)); }
const cases = await import(`${root}/bench/erlangACase.ts`);
const callers = Number(n);
const scenario = variant === 'realism' ? cases.realismBenchScenario(callers) : variant === 'routing' ? cases.routingBenchScenario(callers) : cases.benchScenario(callers);
const model = prepareModel(scenario);
const t0 = process.cpuUsage();
const r = simulate(model, { maxCallers: callers });
const t = process.cpuUsage(t0);
const cpu = (t.user + t.system) / 1e6;
console.log(root.padEnd(14), variant.padEnd(8), Math.round(callers / cpu).toLocaleString().padStart(10), 'callers/CPU-s', r.kpis.abandonmentRate);
