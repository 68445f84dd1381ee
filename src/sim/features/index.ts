/**
 * The features a scenario uses, built for one replication in the order their hooks run. A
 * feature the scenario does not use is not built, so it costs nothing. To add a feature: write a
 * module implementing {@link Feature} (and {@link TimerOwner} if it sets timers), give it a
 * schema section, and build it here when the scenario has that section.
 */
import { hasChannels } from '../../channels/simulate.ts';
import { needsCallRecords } from '../../money/ledger.ts';
import type { Feature, Host } from '../feature.ts';
import type { SimulationOptions } from '../results.ts';
import { AfterHours } from './afterHours.ts';
import { Blending } from './blending.ts';
import { CallbackDesk } from './callbackDesk.ts';
import { MoneyBooks } from './moneyLedger.ts';
import { OfferedCallbacks } from './offeredCallbacks.ts';
import { QueueTimers } from './queueTimers.ts';
import { Retrials } from './retrials.ts';
import { ScriptedService } from './scriptedService.ts';
import { Secretary } from './secretary.ts';
import { Shifts } from './shifts.ts';

export function buildFeatures(host: Host, options: SimulationOptions): Feature[] {
  const model = host.model;
  const features: Feature[] = [];
  // Callbacks to make come from three features; one desk keeps them and has agents make them.
  // Whether a callback reaches the customer is drawn from the first of their streams in use.
  const callbackSource = model.callback !== null ? 'callback' : model.secretary !== null ? 'secretary' : model.afterHours !== null ? 'afterHoursChoice' : null;
  const desk = callbackSource !== null ? new CallbackDesk(host, host.streams.get(callbackSource)) : null;
  if (desk !== null) features.push(desk);
  if (model.callback !== null) features.push(new OfferedCallbacks(host, model.callback, desk!));
  if (model.secretary !== null) features.push(new Secretary(host, model.secretary, desk!));
  if (model.maxWait < Infinity || model.announcements !== null) features.push(new QueueTimers(host, model.maxWait, model.announcements));
  if (model.callerTypes.some((type) => type.retrial !== null)) features.push(new Retrials(host));
  if (model.afterHours !== null) features.push(new AfterHours(host, model.afterHours, desk!));
  if (model.roster !== null) features.push(new Shifts(host, model.roster));
  // Before chat and tickets: the calls' money is added to the book before the contacts'.
  if (needsCallRecords(model.config)) features.push(new MoneyBooks(host));
  if (hasChannels(model)) features.push(new Blending(host, options));
  if (model.scripted !== null) features.push(new ScriptedService(model.scripted, model.config.run.seed, host.replication));
  if (options.features !== undefined) features.push(...options.features(host));
  return features;
}
