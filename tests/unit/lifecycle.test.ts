import { describe, expect, test } from 'vitest';
import {
  actorRoles,
  allowedMoves,
  autoMoveAt,
  canReadTicket,
  canWorkTicket,
  checkMove,
  churnRisk,
  isOpen,
  MOVES,
  OPEN_STATUSES,
  type ActorFacts,
  type MoveVia,
  type TicketFacts,
} from '../../shared/complaint/lifecycle';
import { STATUSES, type ComplaintStatus } from '../../shared/complaint/model';
import { applySlaEffect, markFirstResponse } from '../../shared/complaint/schedule';

const ticket = (status: ComplaintStatus, extra: Partial<TicketFacts> = {}): TicketFacts => ({
  status,
  department: 'qc',
  assigneeOpenid: 'agent-a',
  customerOpenid: 'cust-1',
  ...extra,
});

const ACTORS: Record<string, ActorFacts> = {
  assignee: { kind: 'agent', openid: 'agent-a', department: 'qc' },
  colleague: { kind: 'agent', openid: 'agent-b', department: 'qc' },
  otherDept: { kind: 'agent', openid: 'agent-x', department: 'logistics' },
  head: { kind: 'head', openid: 'head-qc', department: 'qc' },
  otherHead: { kind: 'head', openid: 'head-lg', department: 'logistics' },
  manager: { kind: 'manager', openid: 'mgr' },
  admin: { kind: 'admin', openid: 'adm' },
  owner: { kind: 'customer', openid: 'cust-1' },
  stranger: { kind: 'customer', openid: 'cust-2' },
  system: { kind: 'system' },
};

describe('who holds which role on a ticket', () => {
  test.each([
    ['assignee', ['assignee', 'department']],
    ['colleague', ['department']],
    ['otherDept', []],
    ['head', ['department', 'head']],
    ['otherHead', []],
    ['manager', ['manager']],
    ['admin', ['admin']],
    ['owner', ['customer']],
    ['stranger', []],
    ['system', ['system']],
  ])('%s → %j', (name, roles) => {
    expect(actorRoles(ACTORS[name], ticket('investigating'))).toEqual(roles);
  });

  test('reading and working: department, assisting departments (read only), managers everywhere; never customers', () => {
    const t = ticket('investigating', { assistDepartments: ['logistics'] });
    expect(canReadTicket(ACTORS.colleague, t)).toBe(true);
    expect(canReadTicket(ACTORS.otherDept, t)).toBe(true);
    expect(canWorkTicket(ACTORS.otherDept, t)).toBe(false);
    expect(canReadTicket(ACTORS.otherDept, ticket('investigating'))).toBe(false);
    expect(canReadTicket(ACTORS.manager, t)).toBe(true);
    expect(canReadTicket(ACTORS.owner, t)).toBe(false);
    expect(canWorkTicket(ACTORS.owner, t)).toBe(false);
  });
});

describe('the move table', () => {
  test('every move starts from an open status or resolved, and no move leaves closed', () => {
    for (const m of MOVES) {
      expect(m.from).not.toBe('closed');
      expect([...OPEN_STATUSES, 'resolved']).toContain(m.from);
    }
  });

  test('every status can be reached, and every open status has a way forward', () => {
    const reachable = new Set<ComplaintStatus>(['submitted', ...MOVES.map((m) => m.to)]);
    expect([...reachable].sort()).toEqual([...STATUSES].sort());
    for (const s of OPEN_STATUSES) expect(MOVES.some((m) => m.from === s)).toBe(true);
  });

  test('waiting for the customer pauses the clock; every way out of it resumes or stops it', () => {
    for (const m of MOVES) {
      if (m.to === 'awaiting_customer') expect(m.sla).toBe('pause');
      if (m.from === 'awaiting_customer') expect(['resume', 'stop']).toContain(m.sla);
      if (m.to === 'resolved') expect(m.sla).toBe('stop');
    }
  });

  // Exhaustive: each status × actor × via agrees with the table, and anything else is refused with the allowed list.
  const VIAS: MoveVia[] = ['claim', 'assign', 'transition', 'proposeSolution', 'respond', 'approve', 'auto'];
  test.each(STATUSES.flatMap((from) => Object.keys(ACTORS).map((actor) => [from, actor] as const)))('from %s as %s', (from, actorName) => {
    const t = ticket(from);
    const actor = ACTORS[actorName];
    const roles = actorRoles(actor, t);
    for (const via of VIAS) {
      for (const to of STATUSES) {
        const expected = MOVES.find((m) => m.from === from && m.to === to && m.via === via && m.by.some((r) => roles.includes(r)));
        const check = checkMove(t, actor, to, via);
        expect(check.ok).toBe(!!expected);
        if (!check.ok) {
          const exists = MOVES.some((m) => m.from === from && m.to === to && m.via === via);
          expect(check.reason).toBe(exists ? 'forbidden' : 'illegal');
          expect(check.allowed).toEqual([...new Set(allowedMoves(t, actor, via).map((m) => m.to))]);
        }
      }
    }
  });

  test('an illegal move names the statuses that are allowed', () => {
    const check = checkMove(ticket('assigned'), ACTORS.assignee, 'closed', 'transition');
    expect(check).toMatchObject({ ok: false, reason: 'illegal', allowed: ['investigating'] });
    expect(!check.ok && check.message).toBe('工单当前为「已分派」，不能直接改为「已关闭」；可改为：「调查中」');
  });

  test('a colleague cannot move someone else’s ticket past assignment, but a head can', () => {
    expect(checkMove(ticket('assigned'), ACTORS.colleague, 'investigating', 'transition').ok).toBe(false);
    expect(checkMove(ticket('assigned'), ACTORS.head, 'investigating', 'transition').ok).toBe(true);
    expect(checkMove(ticket('assigned'), ACTORS.otherHead, 'investigating', 'transition').ok).toBe(false);
  });

  test('only the owner (or the timer) answers a solution; only leads send an escalated ticket back', () => {
    expect(checkMove(ticket('awaiting_customer'), ACTORS.owner, 'escalated', 'respond').ok).toBe(true);
    expect(checkMove(ticket('awaiting_customer'), ACTORS.stranger, 'escalated', 'respond').ok).toBe(false);
    expect(checkMove(ticket('awaiting_customer'), ACTORS.system, 'resolved', 'respond').ok).toBe(true);
    expect(checkMove(ticket('awaiting_customer'), ACTORS.system, 'escalated', 'respond').ok).toBe(false);
    expect(checkMove(ticket('escalated'), ACTORS.assignee, 'investigating', 'transition').ok).toBe(false);
    expect(checkMove(ticket('escalated'), ACTORS.manager, 'investigating', 'transition').ok).toBe(true);
  });

  test('open statuses', () => {
    expect(isOpen('awaiting_customer')).toBe(true);
    expect(isOpen('resolved')).toBe(false);
    expect(isOpen('closed')).toBe(false);
  });
});

describe('automatic moves and churn', () => {
  const at = new Date('2026-11-22T02:00:00Z');
  test('awaiting the customer → auto-accept after 3 days; resolved → close after 7; nothing otherwise', () => {
    expect(autoMoveAt('awaiting_customer', at)?.toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(autoMoveAt('resolved', at)?.toISOString()).toBe('2026-11-29T02:00:00.000Z');
    expect(autoMoveAt('investigating', at)).toBeUndefined();
    expect(autoMoveAt('closed', at)).toBeUndefined();
    expect(autoMoveAt('resolved', at, { autoAcceptDays: 1, autoCloseDays: 2, unsatisfiedStars: 2, churnStreak: 3, nudgeIntervalMinutes: 60 })?.toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });

  test('three unsatisfied ratings in a row are a churn risk; a good one breaks the streak', () => {
    expect(churnRisk([1, 2, 1])).toBe(true);
    expect(churnRisk([5, 1, 2, 2])).toBe(true);
    expect(churnRisk([1, 2, 4])).toBe(false);
    expect(churnRisk([1, 1])).toBe(false);
  });
});

describe('SLA effects of moves', () => {
  const start = new Date('2026-11-22T02:00:00Z');
  const t1 = new Date('2026-11-22T03:00:00Z');
  const t2 = new Date('2026-11-22T05:00:00Z');
  const sla = { startedAt: start, firstResponseDueAt: t1, pauses: [] };

  test('pause opens one interval (twice is still one); resume closes it; stop closes it and marks the resolution', () => {
    const paused = applySlaEffect(applySlaEffect(sla, 'pause', t1), 'pause', t2);
    expect(paused.pauses).toEqual([{ from: t1 }]);
    expect(applySlaEffect(paused, 'resume', t2).pauses).toEqual([{ from: t1, to: t2 }]);
    expect(applySlaEffect(paused, 'stop', t2)).toMatchObject({ pauses: [{ from: t1, to: t2 }], resolvedAt: t2 });
    expect(applySlaEffect(sla, undefined, t2)).toBe(sla);
  });

  test('the first contact is kept, later ones do not move it', () => {
    const first = markFirstResponse(sla, t1);
    expect(markFirstResponse(first, t2).firstRespondedAt).toEqual(t1);
  });
});
