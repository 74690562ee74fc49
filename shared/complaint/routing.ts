import { DEPARTMENT_LABELS, type DepartmentCode, type StaffRole } from '../auth/roles';
import type { Category, Level } from './model';
import { DEFAULT_TAXONOMY, departmentFor, findSubcategory, type Taxonomy } from './taxonomy';

/** A staff member as routing sees them. */
export interface AssignableStaff {
  openid: string;
  name: string;
  role: StaffRole;
  department?: DepartmentCode;
  /** Category or subcategory codes (`quality`, `spoiled`, `quality.spoiled`) this person handles. */
  skills: string[];
  onDuty: boolean;
  active: boolean;
}

export interface HolidayRouting {
  active: boolean;
  /** 春节, 中秋 … for the reason line. */
  name?: string;
  /** Openids of the holiday duty team that takes L1 complaints. */
  dutyTeam: string[];
}

export interface RoutingInput {
  category: Category;
  subcategory: string;
  level: Level;
  staff: AssignableStaff[];
  /** Open tickets per assignee openid right now. */
  openLoad: Record<string, number>;
  /** The last person who won a tie in each department, so ties rotate (round robin). */
  lastTieWinner?: Partial<Record<DepartmentCode, string>>;
  holiday?: HolidayRouting;
  taxonomy?: Taxonomy;
}

export interface RoutingDecision {
  department: DepartmentCode;
  assigneeOpenid?: string;
  assigneeName?: string;
  strategy: 'skill' | 'department' | 'duty_team' | 'head' | 'unassigned';
  /** Recorded with the complaint and shown to staff: why this person. */
  reason: string;
  /** Set when a tie was broken by rotation, so the next tie goes to someone else. */
  tieWinner?: string;
}

const handles = (person: AssignableStaff, category: string, sub: string) =>
  person.skills.includes(sub) || person.skills.includes(`${category}.${sub}`);

/**
 * Route a complaint to its department (from the taxonomy) and pick an agent: on-duty agents of that department
 * with the subcategory among their skills, least open tickets first, ties taken in turn. In holiday mode L1
 * complaints go to the duty team. No agent on duty → the department head; nobody → left for manual assignment.
 * Staff can always reassign by hand; this is only the first decision, and it says why.
 */
export function routeComplaint(input: RoutingInput): RoutingDecision {
  const taxonomy = input.taxonomy ?? DEFAULT_TAXONOMY;
  const department = departmentFor(taxonomy, input.category);
  const subLabel = findSubcategory(taxonomy, input.category, input.subcategory)?.label ?? input.subcategory;
  const available = (p: AssignableStaff) => p.active && p.onDuty;

  if (input.holiday?.active && input.level === 'L1' && input.holiday.dutyTeam.length) {
    const team = input.staff.filter((p) => input.holiday!.dutyTeam.includes(p.openid) && available(p));
    if (team.length) {
      const pick = leastLoaded(team, input.openLoad, input.lastTieWinner?.[department]);
      return {
        department,
        assigneeOpenid: pick.person.openid,
        assigneeName: pick.person.name,
        strategy: 'duty_team',
        reason: `${input.holiday.name ?? '节假日'}值班：一级工单交值班组，${pick.why}`,
        ...(pick.tie ? { tieWinner: pick.person.openid } : {}),
      };
    }
  }

  const agents = input.staff.filter((p) => p.role === 'agent' && p.department === department && available(p));
  const skilled = agents.filter((p) => handles(p, input.category, input.subcategory));
  const pool = skilled.length ? skilled : agents;
  if (pool.length) {
    const pick = leastLoaded(pool, input.openLoad, input.lastTieWinner?.[department]);
    const basis = skilled.length ? `擅长「${subLabel}」` : `${DEPARTMENT_LABELS[department]}在岗专员（无人标注「${subLabel}」技能）`;
    return {
      department,
      assigneeOpenid: pick.person.openid,
      assigneeName: pick.person.name,
      strategy: skilled.length ? 'skill' : 'department',
      reason: `${basis}，${pick.why}`,
      ...(pick.tie ? { tieWinner: pick.person.openid } : {}),
    };
  }

  const head = input.staff.find((p) => p.role === 'head' && p.department === department && p.active);
  if (head) {
    return { department, assigneeOpenid: head.openid, assigneeName: head.name, strategy: 'head', reason: '部门暂无在岗专员，先交部门主管分派' };
  }
  return { department, strategy: 'unassigned', reason: '部门暂无在岗人员，等待人工分派' };
}

/** Fewest open tickets wins; among equals, the one after the last tie winner (by openid order) — round robin. */
function leastLoaded(pool: AssignableStaff[], load: Record<string, number>, lastTieWinner?: string) {
  const loadOf = (p: AssignableStaff) => load[p.openid] ?? 0;
  const min = Math.min(...pool.map(loadOf));
  const tied = pool.filter((p) => loadOf(p) === min).sort((a, b) => (a.openid < b.openid ? -1 : a.openid > b.openid ? 1 : 0));
  const after = lastTieWinner ? tied.findIndex((p) => p.openid > lastTieWinner) : 0;
  const person = tied[after >= 0 ? after : 0];
  const tie = tied.length > 1;
  return { person, tie, why: `当前待办最少（${min} 件）${tie ? `，${tied.length} 人并列时轮流分派` : ''}` };
}
