import { CronExpressionParser } from 'cron-parser';

/** Timer triggers are in China time (WECHAT.md). */
const TZ = 'Asia/Shanghai';

/**
 * WeChat's timer cron has 7 fields — second minute hour day month weekday year — where cron-parser takes
 * the first six; the year field is matched here (`*`, `2026`, `2026-2028`, `2026,2028`, `* /2`-style steps).
 */
export class WeChatCron {
  private readonly sixFields: string;
  private readonly yearField: string;

  constructor(readonly expression: string) {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 7) throw new Error(`timer cron "${expression}" must have 7 fields: second minute hour day month weekday year`);
    this.sixFields = fields.slice(0, 6).join(' ');
    this.yearField = fields[6];
    CronExpressionParser.parse(this.sixFields, { tz: TZ }); // fail fast on a bad expression
    yearMatches(this.yearField, 2000);
  }

  /** Firing times in (from, to], oldest first, at most `max` of them. */
  firings(from: Date, to: Date, max = 100_000): Date[] {
    const out: Date[] = [];
    const expr = CronExpressionParser.parse(this.sixFields, { currentDate: from, endDate: to, tz: TZ });
    while (out.length < max && expr.hasNext()) {
      const at = expr.next().toDate();
      if (at.getTime() > to.getTime()) break;
      const year = Number(new Intl.DateTimeFormat('en', { timeZone: TZ, year: 'numeric' }).format(at));
      if (yearMatches(this.yearField, year)) out.push(at);
    }
    return out;
  }
}

export function yearMatches(field: string, year: number): boolean {
  return field.split(',').some((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad year step in "${field}"`);
    let low: number;
    let high: number;
    if (range === '*') [low, high] = [1970, 2199];
    else if (range.includes('-')) [low, high] = range.split('-').map(Number) as [number, number];
    else [low, high] = [Number(range), stepText === undefined ? Number(range) : 2199];
    if (!Number.isInteger(low) || !Number.isInteger(high)) throw new Error(`bad year field "${field}"`);
    return year >= low && year <= high && (year - low) % step === 0;
  });
}
