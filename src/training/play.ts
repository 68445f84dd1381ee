/**
 * Plays a whole call from an answers plan through the same session reducer the terminal UI
 * uses, so a call played from a file is the call a trainee would have had. Pure.
 */
import { suggest } from '../callscripts/issues.ts';
import type { CallScript } from '../callscripts/schema.ts';
import { answersDiagnostic, type AnswerPlan, type AnswersDiagnostic, type LocatedChoice } from './answers.ts';
import { answer, isOver, sessionOptions, startSession, type SessionOptions, type TrainingSession } from './session.ts';

export type PlayResult = { ok: true; session: TrainingSession } | { ok: false; errors: readonly AnswersDiagnostic[] };

/** Per-node answers under ids that are not nodes of the script. */
function unknownNodes(script: CallScript, plan: AnswerPlan): AnswersDiagnostic[] {
  if (plan.kind !== 'per-node') return [];
  const ids = script.nodes.map((node) => node.id);
  return [...plan.nodes.keys()]
    .filter((node) => !ids.includes(node))
    .map((node) => {
      const close = suggest(node, ids);
      return answersDiagnostic('ANSWERS_UNKNOWN_NODE', plan.file, `${script.id} has no node ${node}`, plan.keyPositions.get(node)!, [node], close !== undefined ? `did you mean ${close}?` : undefined);
    });
}

/** Plays the call from the plan; stops at the first answer that does not fit the call. */
export function playAnswers(script: CallScript, plan: AnswerPlan, options: SessionOptions): PlayResult {
  const unknown = unknownNodes(script, plan);
  if (unknown.length > 0) return { ok: false, errors: unknown };
  let session = startSession(script, { ...options, realtime: false });
  let next = 0;
  const visits = new Map<string, number>();
  const take = (node: string): LocatedChoice | undefined => {
    if (plan.kind === 'list') return plan.choices[next++];
    const count = visits.get(node) ?? 0;
    visits.set(node, count + 1);
    return plan.nodes.get(node)?.[count];
  };
  while (!isOver(session)) {
    const node = session.walk.node;
    const ids = sessionOptions(session).map((option) => option.id);
    const choice = take(node);
    if (choice === undefined) {
      const where = plan.kind === 'list' ? plan.choices.at(-1) : undefined;
      const position = where ?? (plan.kind === 'per-node' ? plan.keyPositions.get(node) : undefined) ?? { line: 1, column: 1 };
      const made = session.turns.length;
      return {
        ok: false,
        errors: [
          answersDiagnostic('ANSWERS_TOO_FEW', plan.file, `after ${made} ${made === 1 ? 'answer' : 'answers'} the call is at node ${node} and not over, but there is no answer for it`, position, [], `add an answer for node ${node}: ${ids.join(', ')}`),
        ],
      };
    }
    if (!ids.includes(choice.option)) {
      return {
        ok: false,
        errors: [answersDiagnostic('ANSWERS_OPTION_UNAVAILABLE', plan.file, `option ${choice.option} is not available at node ${node} (answer ${session.turns.length + 1})`, choice, choice.path, `choose one of: ${ids.join(', ')}`)],
      };
    }
    session = answer(session, choice.option, choice.thinking);
  }
  if (plan.kind === 'list' && next < plan.choices.length) {
    const extra = plan.choices[next]!;
    const left = plan.choices.length - next;
    return {
      ok: false,
      errors: [answersDiagnostic('ANSWERS_TOO_MANY', plan.file, `the call ended at node ${session.walk.node} (${session.walk.outcome!.kind}) after ${next} answers; ${left} more ${left === 1 ? 'is' : 'are'} left over`, extra, extra.path)],
    };
  }
  return { ok: true, session };
}
