/**
 * Scenario keys for calls that follow call scripts (one schema layer, imported by schema.ts):
 * `problemTypes[].script` attaches a script to a problem type, `agents.profiles` gives the
 * agents a proficiency and a speed. The simulator then walks the script for every answered
 * call of that problem type (src/sim/features/scriptedService.ts).
 */
import { z } from 'zod';
import type { CallScript } from '../callscripts/schema.ts';

/**
 * A script the loader has read and linted (callScripts.ts puts it in place of its path). Checked
 * only loosely here, because it was checked as a script already and plans re-validate the
 * scenario with it inside; its JSON Schema stays small (editors are told to write a path).
 */
const loadedScriptSchema = z
  .looseObject({ id: z.string(), start: z.string(), nodes: z.array(z.unknown()) })
  .transform((script) => script as unknown as CallScript)
  .describe('A call script already loaded by callfloor; in a file, write its path instead.');

/**
 * The call script of a problem type: a path to a script file, relative to the scenario file.
 * The loader (callScripts.ts) reads and lints it and puts the loaded script in its place, so a
 * loaded scenario carries the script itself (which is why the schema accepts one too).
 */
export const scriptRefSchema = z
  .union([z.string().min(1), loadedScriptSchema])
  .describe(
    'Call script the agents follow on these calls: the path of a script file (YAML), relative to the scenario file. Handle time, resolution and sales then come from walking the script with the agents’ proficiency and speed; handleTime, resolution and conversion do not apply.',
  );
export type ScriptRef = z.output<typeof scriptRefSchema>;

/** A kind of agent: how well and how fast they follow a call script. */
export const agentProfileSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id of letters, digits, - and _ (e.g. novice)').describe('Name of the profile, e.g. novice or trained.'),
    share: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe('Share of the agents with this profile; shares are weights, divided by their sum. Default 1.'),
    proficiency: z
      .number()
      .min(0)
      .max(1)
      .describe('Probability of choosing the best-rated reply at each step of a call script (otherwise a reply at random): about 0.3 for a novice, 0.95 for a trained agent.'),
    speed: z
      .number()
      .positive()
      .max(4)
      .default(1)
      .describe('Pace relative to the script: each reply takes its duration / speed (0.8 takes 25% longer, 1.25 a fifth less). Default 1.'),
  })
  .strict();
export type AgentProfile = z.output<typeof agentProfileSchema>;

/** The agents' profiles; agents are given profiles in order, by share (e.g. 2 of 3 novices with shares 2/3 and 1/3). */
export const agentProfilesSchema = z
  .array(agentProfileSchema)
  .min(1)
  .describe(
    'How well the agents follow call scripts: profiles with a share of the agents, a proficiency (chance of the best-rated reply) and a speed. Only calls of problem types with a script use them. Default: every agent has proficiency 1 and speed 1.',
  );
