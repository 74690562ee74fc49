/**
 * The weekly report (issue 8 "Insight"): for one China calendar week (Monday to Sunday), the top 3 problems
 * (subcategories) with their counts, the change on the week before, their dominant keywords (TF-IDF of the
 * subcategory's complaints against the whole week) and a few example texts with phone numbers and ids blanked.
 * Pure; the function reads the rows and the example texts.
 */
import type { Category } from '../complaint/model';
import { CATEGORY_LABELS } from '../complaint/model';
import { csvLine, CSV_BOM } from '../staff/csv';
import { documentFrequencies, tfidfKeywords } from './keywords';
import type { StatsRow } from './overview';

export interface WeeklyProblem {
  rank: number;
  category: Category;
  subcategory: string;
  label: string;
  count: number;
  previous: number;
  /** Change on the week before in percent; absent when the week before had none. */
  changePct?: number;
  foodSafety: number;
  keywords: string[];
  examples: string[];
}

export interface WeeklyReport {
  week: { from: string; to: string };
  previousWeek: { from: string; to: string };
  total: number;
  previousTotal: number;
  problems: WeeklyProblem[];
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The Monday-to-Sunday week holding `day` (`YYYY-MM-DD`), and the week before. */
export function weekOf(day: string): { from: string; to: string; previousFrom: string } {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  return { from: iso(monday), to: iso(monday + 6 * DAY), previousFrom: iso(monday - 7 * DAY) };
}

/**
 * The week's top `n` subcategories by count (ties: more food-safety cases, then the larger rise), with the week
 * before's counts and each one's keywords. `current` and `previous` are the rows of each week, already scoped.
 */
export function topProblems(current: readonly StatsRow[], previous: readonly StatsRow[], label: (category: Category, sub: string) => string, n = 3): Array<Omit<WeeklyProblem, 'examples'>> {
  const key = (r: StatsRow) => `${r.category}.${r.subcategory}`;
  const groups = new Map<string, StatsRow[]>();
  for (const r of current) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const before = new Map<string, number>();
  for (const r of previous) before.set(key(r), (before.get(key(r)) ?? 0) + 1);
  const background = documentFrequencies(current.map((r) => r.terms ?? []));
  return [...groups.entries()]
    .map(([k, rows]) => {
      const [category, subcategory] = k.split('.') as [Category, string];
      const prev = before.get(k) ?? 0;
      return { k, category, subcategory, rows, count: rows.length, previous: prev, foodSafety: rows.filter((r) => r.foodSafety).length, change: rows.length - prev };
    })
    .sort((a, b) => b.count - a.count || b.foodSafety - a.foodSafety || b.change - a.change || a.k.localeCompare(b.k))
    .slice(0, n)
    .map((g, i) => ({
      rank: i + 1,
      category: g.category,
      subcategory: g.subcategory,
      label: label(g.category, g.subcategory),
      count: g.count,
      previous: g.previous,
      ...(g.previous ? { changePct: Math.round(((g.count - g.previous) / g.previous) * 100) } : {}),
      foodSafety: g.foodSafety,
      keywords: tfidfKeywords(g.rows.map((r) => r.terms ?? []), background, 5).map((k) => k.word),
    }));
}

/**
 * A complaint text fit to show in a report: phone numbers, long digit runs (order numbers, ids) and id-like
 * tokens blanked, whitespace folded, cut to `max` characters.
 */
export function redactText(text: string, max = 120): string {
  const clean = text
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => `${m.slice(0, 3)}****${m.slice(7)}`)
    .replace(/\d{6,}/g, '******')
    .replace(/[A-Za-z0-9_-]{16,}/g, '***')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Up to `k` distinct example texts, newest first as given, preferring texts long enough to say something. */
export function pickExamples(texts: readonly string[], k = 3): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const ordered = [...texts.filter((t) => t.trim().length >= 8), ...texts.filter((t) => t.trim().length < 8)];
  for (const t of ordered) {
    const r = redactText(t);
    if (!r || seen.has(r)) continue;
    seen.add(r);
    out.push(r);
    if (out.length === k) break;
  }
  return out;
}

export const WEEKLY_HEADERS = ['排名', '类别', '细类', '本周投诉', '上周投诉', '环比', '其中食品安全', '关键词', '示例一', '示例二', '示例三'];

/** The report as CSV for Excel (the export's conventions: BOM, Chinese headers, CRLF, formula cells defused). */
export function weeklyReportCsv(report: WeeklyReport): string {
  const lines = [
    csvLine([`投诉周报 ${report.week.from} 至 ${report.week.to}`, `本周 ${report.total} 起`, `上周 ${report.previousTotal} 起`]),
    csvLine(WEEKLY_HEADERS),
    ...report.problems.map((p) =>
      csvLine([
        p.rank,
        CATEGORY_LABELS[p.category] ?? p.category,
        p.label,
        p.count,
        p.previous,
        p.changePct === undefined ? '新增' : `${p.changePct > 0 ? '+' : ''}${p.changePct}%`,
        p.foodSafety,
        p.keywords.join('、'),
        ...[0, 1, 2].map((i) => p.examples[i] ?? ''),
      ]),
    ),
  ];
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

export const weeklyFilename = (from: string, to: string) => `投诉周报_${from}_${to}.csv`;
