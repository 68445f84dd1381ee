/** The consultant report as Markdown: the same sentences and tables as the HTML, without the charts. */
import type { ReportModel } from './reportModel.ts';
import {
  assumptionsTable,
  costsTable,
  intervalsTable,
  keyFiguresTable,
  planCostLines,
  plansOverviewTable,
  planTable,
  stepsTable,
  traineesTable,
  type Table,
} from './reportTables.ts';
import { callerTypeSentences, callerTypesTable, groupsTable, planCallerTypeSentence, planCallerTypesTable, planGroupsTable } from './reportSegments.ts';
import { methodParagraph, summaryParagraphs } from './reportText.ts';
import { REPORT_WORDS, reportFigureName } from './reportWords.ts';

/**
 * User text in Markdown: HTML-significant characters become entities (Markdown viewers
 * render raw HTML) and `|` is escaped so it cannot split a table cell.
 */
export function markdownText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function table(data: Table): string[] {
  const align = data.header.map((_, i) => (i > 0 && data.numeric ? '---:' : '---'));
  return [`| ${data.header.map(markdownText).join(' | ')} |`, `| ${align.join(' | ')} |`, ...data.rows.map((row) => `| ${row.map(markdownText).join(' | ')} |`)];
}

export function reportToMarkdown(model: ReportModel): string {
  const words = REPORT_WORDS[model.language];
  const lines: string[] = [`# ${words.reportTitle}: ${markdownText(model.title)}`, ''];
  if (model.description !== undefined) lines.push(markdownText(model.description), '');
  lines.push(`## ${words.summary}`, '', ...summaryParagraphs(model).flatMap((text) => [markdownText(text), '']));
  lines.push(`## ${words.keyFigures}`, '', words.keyFiguresNote(model.run.days, model.run.replications), '', ...table(keyFiguresTable(model)), '');
  if (model.notModelled.length > 0) {
    lines.push(`${words.notModelledFigures}: ${model.notModelled.map((key) => reportFigureName(key, model.language)).join(', ')}.`, '');
  }
  lines.push(`## ${words.day}`, '', ...table(intervalsTable(model)), '');
  lines.push(`## ${words.costs}`, '', ...table(costsTable(model)), '');
  if (model.callerTypes.length > 0) {
    lines.push(`## ${words.callerTypes}`, '', words.callerTypesIntro, '', ...callerTypeSentences(model).flatMap((text) => [markdownText(text), '']), ...table(callerTypesTable(model)), '');
  }
  if (model.groups.length > 0) lines.push(`## ${words.groups}`, '', words.groupsIntro, '', ...table(groupsTable(model)), '');
  lines.push(`## ${words.plans}`, '');
  if (model.plans.length === 0) lines.push(words.noPlans, '');
  else {
    lines.push(words.plansIntro, '', ...table(plansOverviewTable(model)), '');
    for (const plan of model.plans) {
      lines.push(`### ${markdownText(plan.name)}`, '');
      if (plan.description !== undefined) lines.push(markdownText(plan.description), '');
      lines.push(`${words.changes}: ${markdownText(plan.changes)}.`, '');
      if (plan.identical) lines.push(words.identical, '');
      else {
        lines.push(...table(planTable(plan, model)), '', ...planCostLines(plan, model).flatMap((line) => [markdownText(line), '']));
        const typeTable = planCallerTypesTable(plan, model);
        const sentence = planCallerTypeSentence(plan, model);
        if (typeTable) lines.push(`**${words.planCallerTypes}**`, '', ...(sentence ? [markdownText(sentence), ''] : []), ...table(typeTable), '');
        const groupTable = planGroupsTable(plan, model);
        if (groupTable) lines.push(`**${words.planGroups}**`, '', ...table(groupTable), '');
      }
    }
  }
  lines.push(`## ${words.training}`, '');
  const trainees = traineesTable(model);
  const steps = stepsTable(model);
  if (trainees === null || steps === null) lines.push(words.noTraining, '');
  else lines.push(...table(trainees), '', ...table(steps), '');
  lines.push(`## ${words.assumptions}`, '', markdownText(methodParagraph(model)), '', ...table(assumptionsTable(model)));
  return lines.join('\n') + '\n';
}
