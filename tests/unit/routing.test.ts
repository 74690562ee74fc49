import { describe, expect, test } from 'vitest';
import { routeComplaint, type AssignableStaff, type RoutingInput } from '../../shared/complaint/routing';

const agent = (openid: string, department: AssignableStaff['department'], skills: string[], extra: Partial<AssignableStaff> = {}): AssignableStaff => ({
  openid,
  name: openid,
  role: 'agent',
  department,
  skills,
  onDuty: true,
  active: true,
  ...extra,
});

const staff: AssignableStaff[] = [
  agent('qc-a', 'qc', ['quality', 'spoiled', 'foreign_object']),
  agent('qc-b', 'qc', ['quality', 'spoiled']),
  agent('qc-c', 'qc', ['quality', 'taste']),
  agent('lg-a', 'logistics', ['delivery', 'late']),
  { openid: 'head-qc', name: '周主管', role: 'head', department: 'qc', skills: [], onDuty: true, active: true },
  { openid: 'head-cs', name: '郑主管', role: 'head', department: 'cs', skills: [], onDuty: true, active: true },
  agent('duty-1', 'qc', ['quality'], { role: 'agent' }),
];
const base = (over: Partial<RoutingInput>): RoutingInput => ({ category: 'quality', subcategory: 'spoiled', level: 'L2', staff, openLoad: {}, ...over });

describe('routing and assignment', () => {
  test('department from the category; skilled agent with the fewest open tickets', () => {
    const d = routeComplaint(base({ openLoad: { 'qc-a': 5, 'qc-b': 2, 'qc-c': 0 } }));
    expect(d).toMatchObject({ department: 'qc', assigneeOpenid: 'qc-b', strategy: 'skill' });
    expect(d.reason).toBe('擅长「变质/发霉/不新鲜」，当前待办最少（2 件）');
  });

  test('ties rotate: the next tie goes to the next person', () => {
    const first = routeComplaint(base({ openLoad: { 'qc-a': 1, 'qc-b': 1 } }));
    expect(first).toMatchObject({ assigneeOpenid: 'qc-a', tieWinner: 'qc-a' });
    expect(first.reason).toContain('2 人并列时轮流分派');
    const second = routeComplaint(base({ openLoad: { 'qc-a': 1, 'qc-b': 1 }, lastTieWinner: { qc: 'qc-a' } }));
    expect(second.assigneeOpenid).toBe('qc-b');
    const third = routeComplaint(base({ openLoad: { 'qc-a': 1, 'qc-b': 1 }, lastTieWinner: { qc: 'qc-b' } }));
    expect(third.assigneeOpenid).toBe('qc-a');
  });

  test('off duty and inactive people are skipped', () => {
    const roster = staff.map((p) => (p.openid === 'qc-a' ? { ...p, onDuty: false } : p.openid === 'qc-b' ? { ...p, active: false } : p));
    expect(routeComplaint(base({ staff: roster })).assigneeOpenid).not.toMatch(/^qc-[ab]$/);
  });

  test('nobody has the skill: any on-duty agent of the department', () => {
    const d = routeComplaint(base({ subcategory: 'packaging', openLoad: { 'qc-a': 3, 'qc-b': 3, 'qc-c': 1, 'duty-1': 4 } }));
    expect(d).toMatchObject({ assigneeOpenid: 'qc-c', strategy: 'department' });
  });

  test('no agent on duty: the head; no one at all: left for manual assignment', () => {
    expect(routeComplaint(base({ category: 'service', subcategory: 'refund' }))).toMatchObject({ department: 'cs', assigneeOpenid: 'head-cs', strategy: 'head' });
    expect(routeComplaint(base({ category: 'service', subcategory: 'refund', staff: [] }))).toMatchObject({ department: 'cs', strategy: 'unassigned' });
  });

  test('holiday mode sends L1 to the duty team, and only L1', () => {
    const holiday = { active: true, name: '春节', dutyTeam: ['duty-1'] };
    expect(routeComplaint(base({ level: 'L1', holiday }))).toMatchObject({ assigneeOpenid: 'duty-1', strategy: 'duty_team', reason: expect.stringMatching(/^春节值班/) });
    expect(routeComplaint(base({ level: 'L2', holiday, openLoad: { 'duty-1': 0 } })).strategy).toBe('skill');
  });
});
