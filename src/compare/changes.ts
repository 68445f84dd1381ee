/**
 * What a plan changes, read off the two validated scenarios rather than the overrides, so it
 * also shows what an override changed without saying so (a section replaced as a whole
 * brings back the defaults of the settings it leaves out).
 */
import { isDeepStrictEqual } from 'node:util';
import type { ScenarioConfig } from '../scenario/schema.ts';

/** One setting that differs: `problemTypes[pre-vendita].handleTime.mean`, 240 → 180. */
export interface ScenarioChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** Settings not listed: labels, the plans themselves, and the run settings every variant shares. */
const IGNORED = new Set(['name', 'description', 'plans', 'run.seed', 'run.replications']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.id === 'string' ? value.id : undefined;
}

/** A loaded call script is named by its id, not listed key by key (it is a file of its own). */
function scriptName(value: unknown): unknown {
  return idOf(value) ?? value;
}

function walk(path: string, from: unknown, to: unknown, changes: ScenarioChange[]): void {
  if (IGNORED.has(path) || isDeepStrictEqual(from, to)) return;
  if (path.endsWith('.script') && (isObject(from) || isObject(to))) {
    const [fromName, toName] = [scriptName(from), scriptName(to)];
    // Two versions of a script with the same id: say it changed, not how.
    changes.push({ path, from: fromName, to: fromName === toName ? `${String(toName)} (changed)` : toName });
    return;
  }
  if (isObject(from) && isObject(to)) {
    const child = (key: string): string => (path === '' ? key : `${path}.${key}`);
    const fromKeys = Object.keys(from).filter((key) => from[key] !== undefined && !IGNORED.has(child(key)));
    const toKeys = Object.keys(to).filter((key) => to[key] !== undefined && !IGNORED.has(child(key)));
    // Different keys, or another `dist`, are a different kind of value (another distribution,
    // a rate instead of a profile): list it whole.
    const sameKind = from.dist === to.dist && fromKeys.length === toKeys.length && fromKeys.every((key) => toKeys.includes(key));
    if (sameKind) {
      for (const key of fromKeys) walk(child(key), from[key], to[key], changes);
      return;
    }
  } else if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    from.forEach((item, i) => {
      const id = idOf(item);
      walk(`${path}[${id !== undefined && id === idOf(to[i]) ? id : i}]`, item, to[i], changes);
    });
    return;
  }
  changes.push({ path, from, to });
}

/** The settings that differ between two scenarios, in the order of the scenario format. */
export function scenarioChanges(base: ScenarioConfig, plan: ScenarioConfig): ScenarioChange[] {
  const changes: ScenarioChange[] = [];
  walk('', base, plan, changes);
  return changes;
}
