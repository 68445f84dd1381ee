/**
 * The feature interface is enough to add a feature without editing the replication: outbound
 * calls placed by agents at set hours, written here outside src/sim and plugged in through
 * `SimulationOptions.features`. At 15:00 each day a list of customers to call back falls due;
 * agents with nobody waiting call them, five minutes each.
 */
import { describe, expect, it } from 'vitest';
import { SECONDS_PER_DAY } from '../../src/kernel/openHours.ts';
import type { Feature, Host } from '../../src/sim/feature.ts';
import { prepareModel } from '../../src/sim/model.ts';
import { simulate } from '../../src/sim/replication.ts';
import { markovScenario } from './helpers.ts';

class OutboundAtSetHours implements Feature {
  private readonly dueKind: number;
  private readonly endKind: number;
  private toCall = 0;
  made = 0;

  constructor(
    private readonly host: Host,
    private readonly at: number,
    private readonly numbers: number,
    private readonly seconds: number,
  ) {
    this.dueKind = host.eventKind((day) => this.due(day));
    this.endKind = host.eventKind((agent) => this.end(agent));
  }

  start(): void {
    this.host.schedule(this.dueKind, this.at, 0);
  }

  /** The day's list falls due: idle agents start on it at once, the others when they are free. */
  private due(day: number): void {
    const host = this.host;
    this.toCall += this.numbers;
    if ((day + 1) * SECONDS_PER_DAY + this.at <= host.model.horizon) host.schedule(this.dueKind, (day + 1) * SECONDS_PER_DAY + this.at, day + 1);
    while (this.toCall > 0 && host.idleCount > 0 && host.dispatch.queue.size === 0) {
      host.idleCount--;
      this.call(host.dispatch.takeAgentForCallback(0));
    }
  }

  giveWork(agent: number): boolean {
    if (this.toCall === 0 || this.host.draining) return false;
    this.call(agent);
    return true;
  }

  private call(agent: number): void {
    const host = this.host;
    this.toCall--;
    this.made++;
    host.busyOffLine++;
    host.busySince[agent] = host.now;
    host.schedule(this.endKind, host.now + this.seconds, agent);
  }

  private end(agent: number): void {
    const host = this.host;
    const since = host.busySince[agent]!;
    host.book.busy(since, host.now);
    host.busySince[agent] = -1;
    host.busyOffLine--;
    host.agentDone(agent, since);
  }
}

describe('a feature added without editing the replication', () => {
  it('places the outbound calls, keeps the agents busy for them, and leaves the inbound callers served first', () => {
    const scenario = markovScenario({ arrivalRate: 1 / 120, meanHandleTime: 240, meanPatience: 600, agents: 4, days: 5, warmup: 0, replications: 1 });
    const model = prepareModel(scenario);
    const plain = simulate(model);
    let outbound: OutboundAtSetHours | undefined;
    const withOutbound = simulate(model, {
      features: (host) => [(outbound = new OutboundAtSetHours(host, 15 * 3600, 20, 300))],
    });
    // Every number of every day was called (4 agents, 20 calls of 5 minutes from 15:00).
    expect(outbound!.made).toBe(5 * 20);
    // Agent time: the inbound calls' (as without the feature, all of it booked) plus exactly the outbound calls' 100 × 300 s.
    expect(plain.total.busySeconds).toBeCloseTo(plain.total.handleTimeSum, 6);
    expect(withOutbound.total.busySeconds).toBeCloseTo(withOutbound.total.handleTimeSum + 100 * 300, 6);
    // The same inbound callers (the feature draws nothing), each answered or not.
    expect(withOutbound.kpis.offered).toBe(plain.kpis.offered);
    expect(withOutbound.kpis.answered + withOutbound.kpis.abandoned).toBe(withOutbound.kpis.offered);
    // Outbound work makes inbound callers wait longer, never shorter.
    expect(withOutbound.kpis.asa).toBeGreaterThanOrEqual(plain.kpis.asa);
  });
});
