import type { CsvExport } from '@shared/api/functions/stats';
import { AppError } from '@shared/api/envelope';
import type { DepartmentCode } from '@shared/auth/roles';
import type { Category } from '@shared/complaint/model';
import { findSubcategory } from '@shared/complaint/taxonomy';
import { dayStart } from '@shared/stats/rollup';
import { pickExamples, topProblems, weekOf, weeklyFilename, weeklyReportCsv, type WeeklyReport } from '@shared/stats/weekly';
import { chinaDate } from '@shared/time/clock';
import { _, cloud } from '../../_server/cloud';
import { loadConfig } from '../../_server/config';
import { collection, rows } from '../../_server/db';
import type { ActionContext } from '../../_server/define-function';
import { rowsBetween } from './overview';

const EXAMPLES_READ = 30;

/** stats.weeklyReport: the top 3 problems of a China calendar week (the last full week by default). */
export async function weeklyReport(input: { week?: string; department?: DepartmentCode }, ctx: ActionContext): Promise<WeeklyReport> {
  let department = input.department;
  if (ctx.caller.kind === 'head') {
    if (department && department !== ctx.caller.department) throw new AppError('FORBIDDEN', '只能查看本部门的数据');
    department = ctx.caller.department;
  }
  const now = ctx.now();
  const week = weekOf(input.week ?? chinaDate(now.getTime() - 7 * 86_400_000));
  const from = dayStart(week.from);
  const to = new Date(dayStart(week.to).getTime() + 86_400_000);
  const previousFrom = dayStart(week.previousFrom);
  const [all, config] = await Promise.all([rowsBetween(previousFrom, to), loadConfig()]);
  const scoped = department ? all.filter((r) => r.department === department) : all;
  const current = scoped.filter((r) => r.createdAt >= from);
  const previous = scoped.filter((r) => r.createdAt < from);
  const label = (c: Category, sub: string) => findSubcategory(config.taxonomy, c, sub)?.label ?? sub;
  const top = topProblems(current, previous, label);
  // Example texts: the rollup keeps terms, not texts; the newest of each problem, by the subcategory index.
  const texts = await Promise.all(
    top.map((p) =>
      rows<{ description: string }>(
        collection('complaints')
          .where({ subcategory: p.subcategory, createdAt: _.gte(from).and(_.lt(to)), ...(department ? { department } : {}) })
          .orderBy('createdAt', 'desc')
          .limit(EXAMPLES_READ)
          .field({ description: true }),
      ),
    ),
  );
  return {
    week: { from: week.from, to: week.to },
    previousWeek: { from: week.previousFrom, to: chinaDate(from.getTime() - 1) },
    total: current.length,
    previousTotal: previous.length,
    problems: top.map((p, i) => ({ ...p, examples: pickExamples(texts[i].map((t) => t.description)) })),
  };
}

/** stats.exportWeeklyReport: the same report as a CSV file in cloud storage (see exportCsv). */
export async function exportWeeklyReport(input: { week?: string; department?: DepartmentCode }, ctx: ActionContext): Promise<CsvExport> {
  const report = await weeklyReport(input, ctx);
  const body = Buffer.from(weeklyReportCsv(report), 'utf8');
  const cloudPath = `exports/${ctx.caller.openid}/${ctx.now().getTime()}-weekly-${report.week.from}.csv`;
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: body });
  const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL: string }> };
  return { filename: weeklyFilename(report.week.from, report.week.to), fileId: fileID, url: fileList[0].tempFileURL, rows: report.problems.length, bytes: body.length, truncated: false };
}
