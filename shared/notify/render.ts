import { parseInstant, shortTime, wechatTime } from './china-time';

/**
 * Message texts are templates over a message's plain values (`data` plus what the drain knows: ticket number,
 * level, the time of sending). A placeholder is `{name}`; `{a|b}` takes the first that is not empty; a format
 * after a colon shows an ISO instant in China time: `{dueAt:short}` → `11月22日 14:30`, `{dueAt:time}` →
 * `2026年11月22日 14:30`. Templates are configuration, so a missing value renders empty rather than failing.
 */
export type Vars = Readonly<Record<string, string | undefined>>;

const PLACEHOLDER = /\{([A-Za-z0-9_|]+)(?::(short|time))?\}/g;

function formatValue(value: string, format: string | undefined): string {
  if (!format) return value;
  const at = parseInstant(value);
  if (!at) return value;
  return format === 'short' ? shortTime(at) : wechatTime(at);
}

function lookup(names: string, vars: Vars): string {
  for (const name of names.split('|')) {
    const value = vars[name];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return '';
}

/** The template with every placeholder filled (empty when the values have none). */
export function render(template: string, vars: Vars): string {
  return template.replace(PLACEHOLDER, (_m, names: string, format: string | undefined) => formatValue(lookup(names, vars), format));
}

/** A line that needs its values: undefined when any placeholder in it is empty (the line is left out). */
export function renderLine(template: string, vars: Vars): string | undefined {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_m, names: string, format: string | undefined) => {
    const value = lookup(names, vars);
    if (!value) missing = true;
    return formatValue(value, format);
  });
  return missing ? undefined : text;
}

/** Names a template refers to (for checks that templates only use values the messages carry). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].flatMap((m) => m[1].split('|'));
}
