import { describe, expect, test } from 'vitest';
import type { SlaRecord } from '../../shared/complaint/document';
import { applySlaEffect } from '../../shared/complaint/schedule';
import {
  checkSampleAction,
  DEFAULT_SAMPLE_LAB,
  endSamplePause,
  parseReturnCode,
  returnCode,
  sampleAbilities,
  sampleBlocksSolution,
  sampleInstructions,
  samplePausedMs,
  sampleView,
  startSamplePause,
  type SampleActor,
  type SampleRecord,
  type SampleState,
  type SampleTicketFacts,
} from '../../shared/complaint/sample';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/policy';
import { slaSnapshot } from '../../shared/sla/clock';
import { customerSms, customerSubscribe } from '../../shared/notify/compose';
import { DEFAULT_NOTIFY_CONFIG } from '../../shared/notify/config';

const ACTORS: Record<string, SampleActor> = {
  assignee: { kind: 'agent', openid: 'agent-a', department: 'qc', worksTicket: true },
  qcColleague: { kind: 'agent', openid: 'agent-b', department: 'qc', worksTicket: true },
  logistics: { kind: 'agent', openid: 'agent-l', department: 'logistics', worksTicket: false },
  logisticsOnTicket: { kind: 'agent', openid: 'agent-l', department: 'logistics', worksTicket: true },
  qcHead: { kind: 'head', openid: 'head-q', department: 'qc', worksTicket: true },
  manager: { kind: 'manager', openid: 'mgr', worksTicket: true },
  admin: { kind: 'admin', openid: 'adm', worksTicket: true },
  customer: { kind: 'customer', openid: 'cust-1', worksTicket: false },
  stranger: { kind: 'customer', openid: 'cust-2', worksTicket: false },
};

const at = (iso: string) => new Date(iso);

function sample(state: SampleState, extra: Partial<SampleRecord> = {}): SampleRecord {
  return {
    sampleId: 'c1:s1',
    ordinal: 1,
    returnCode: 'YP26112200421',
    state,
    requestedAt: at('2026-11-22T02:00:00Z'),
    requestedBy: 'agent-a',
    instructions: sampleInstructions('YP26112200421'),
    labAddress: DEFAULT_SAMPLE_LAB.address,
    ...extra,
  };
}

const ticket = (s?: SampleRecord, status: SampleTicketFacts['status'] = 'investigating'): SampleTicketFacts => ({ status, customerOpenid: 'cust-1', ...(s ? { sample: s } : {}) });

describe('return codes', () => {
  test('derived from the ticket number and the ordinal, so they are unique and a retry derives the same one', () => {
    expect(returnCode('KS20261122-0042', 1)).toBe('YP26112200421');
    expect(returnCode('KS20261122-0042', 2)).toBe('YP26112200422');
    expect(returnCode('KS20261123-0042', 1)).not.toBe(returnCode('KS20261122-0042', 1));
    expect(returnCode('KS20261122-12345', 3)).toBe('YP261122123453');
  });

  test('parse back to the ticket number, tolerating case and spaces; reject anything else', () => {
    expect(parseReturnCode('YP26112200421')).toEqual({ ticketNo: 'KS20261122-0042', ordinal: 1 });
    expect(parseReturnCode(' yp 2611 2200 422 ')).toEqual({ ticketNo: 'KS20261122-0042', ordinal: 2 });
    expect(parseReturnCode('YP261122123453')).toEqual({ ticketNo: 'KS20261122-12345', ordinal: 3 });
    for (const bad of ['', 'YP', 'YP2611220042', 'YP26112200420', 'KS20261122-0042', 'YP2611220042A']) expect(parseReturnCode(bad)).toBeUndefined();
    expect(() => returnCode('not-a-ticket', 1)).toThrow();
    expect(() => returnCode('KS20261122-0042', 10)).toThrow();
  });

  test('instructions carry the code, the lab address and how to pack frozen goods', () => {
    const lines = sampleInstructions('YP26112200421', { ...DEFAULT_SAMPLE_LAB, address: '成都市测试路 1 号' });
    const text = lines.join('\n');
    expect(text).toContain('YP26112200421');
    expect(text).toContain('成都市测试路 1 号');
    expect(text).toMatch(/冰袋/);
    expect(text).toMatch(/运单号/);
  });
});

describe('who may do what, from which state', () => {
  test('staff working the ticket request; the lab and customers do not', () => {
    expect(checkSampleAction('request', ACTORS.assignee, ticket())).toEqual({ ok: true, to: 'requested' });
    expect(checkSampleAction('request', ACTORS.manager, ticket()).ok).toBe(true);
    expect(checkSampleAction('request', ACTORS.logistics, ticket())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkSampleAction('request', ACTORS.customer, ticket())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  test('a request needs a ticket being worked, and no sample already under way', () => {
    expect(checkSampleAction('request', ACTORS.assignee, ticket(undefined, 'awaiting_customer'))).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(checkSampleAction('request', ACTORS.assignee, ticket(undefined, 'resolved'))).toMatchObject({ ok: false, code: 'CONFLICT' });
    for (const s of ['requested', 'shipped', 'received'] as const) expect(checkSampleAction('request', ACTORS.assignee, ticket(sample(s)))).toMatchObject({ ok: false, code: 'CONFLICT' });
    for (const s of ['resulted', 'cancelled'] as const) expect(checkSampleAction('request', ACTORS.assignee, ticket(sample(s))).ok).toBe(true);
    expect(checkSampleAction('request', ACTORS.assignee, ticket(sample('resulted', { ordinal: 9 })))).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  test('only the ticket’s customer ships, and only a requested sample', () => {
    expect(checkSampleAction('ship', ACTORS.customer, ticket(sample('requested')))).toEqual({ ok: true, to: 'shipped' });
    expect(checkSampleAction('ship', ACTORS.stranger, ticket(sample('requested')))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkSampleAction('ship', ACTORS.assignee, ticket(sample('requested')))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkSampleAction('ship', ACTORS.customer, ticket(sample('received')))).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(checkSampleAction('ship', ACTORS.customer, ticket())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  test('the QC lab (QC agents and heads, admins) receives — even before the customer says it shipped — and records the result', () => {
    expect(checkSampleAction('receive', ACTORS.qcColleague, ticket(sample('shipped')))).toEqual({ ok: true, to: 'received' });
    expect(checkSampleAction('receive', ACTORS.qcHead, ticket(sample('requested')))).toEqual({ ok: true, to: 'received' });
    expect(checkSampleAction('receive', ACTORS.logisticsOnTicket, ticket(sample('shipped')))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkSampleAction('receive', ACTORS.manager, ticket(sample('shipped')))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkSampleAction('result', ACTORS.qcColleague, ticket(sample('shipped')))).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(checkSampleAction('result', ACTORS.qcColleague, ticket(sample('received')))).toEqual({ ok: true, to: 'resulted' });
    expect(checkSampleAction('result', ACTORS.admin, ticket(sample('received'))).ok).toBe(true);
    expect(checkSampleAction('result', ACTORS.logistics, ticket(sample('received')))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(checkSampleAction('result', ACTORS.qcColleague, ticket(sample('resulted')))).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  test('the lab department is configuration', () => {
    const lab = { department: 'logistics' };
    expect(checkSampleAction('receive', ACTORS.logistics, ticket(sample('shipped')), lab).ok).toBe(true);
    expect(checkSampleAction('receive', ACTORS.qcColleague, ticket(sample('shipped')), lab).ok).toBe(false);
  });

  test('cancel while the sample travels, not once the lab has it', () => {
    expect(checkSampleAction('cancel', ACTORS.assignee, ticket(sample('requested')))).toEqual({ ok: true, to: 'cancelled' });
    expect(checkSampleAction('cancel', ACTORS.assignee, ticket(sample('shipped'))).ok).toBe(true);
    expect(checkSampleAction('cancel', ACTORS.assignee, ticket(sample('received')))).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(checkSampleAction('cancel', ACTORS.customer, ticket(sample('requested')))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  test('abilities for the staff card, and a solution waits for the evidence', () => {
    expect(sampleAbilities(ACTORS.assignee, ticket())).toEqual({ canRequest: true, canCancel: false, canReceive: false, canRecordResult: false });
    expect(sampleAbilities(ACTORS.qcColleague, ticket(sample('shipped')))).toEqual({ canRequest: false, canCancel: true, canReceive: true, canRecordResult: false });
    expect(sampleBlocksSolution(sample('shipped'))).toMatch(/寄样复检尚未出结果/);
    expect(sampleBlocksSolution(sample('resulted'))).toBeUndefined();
    expect(sampleBlocksSolution(undefined)).toBeUndefined();
  });
});

describe('the clock while the sample travels', () => {
  // An L1 ticket (24×7 calendar, 24 h resolution) received at 10:00 China time, first response met at once.
  const start = at('2026-11-22T02:00:00Z');
  const base: SlaRecord = { startedAt: start, firstResponseDueAt: at('2026-11-22T04:00:00Z'), firstRespondedAt: at('2026-11-22T02:10:00Z'), pauses: [] };
  const snap = (sla: SlaRecord, now: Date) => slaSnapshot({ level: 'L1', foodSafety: false, startedAt: sla.startedAt, pauses: sla.pauses, firstRespondedAt: sla.firstRespondedAt }, now, DEFAULT_SLA_POLICY);

  test('paused from the request until receipt: the due time moves by exactly the travelling time', () => {
    const requested = at('2026-11-22T04:00:00Z');
    const received = at('2026-11-24T04:00:00Z'); // two days in the post
    const before = snap(base, requested).resolve.dueAt!;
    const paused = startSamplePause(base, requested);
    expect(snap(paused, at('2026-11-23T00:00:00Z'))).toMatchObject({ paused: true });
    expect(snap(paused, at('2026-11-23T00:00:00Z')).nextDueAt).toBeUndefined();
    const resumed = endSamplePause(paused, received);
    expect(resumed.pauses).toEqual([{ from: requested, to: received, reason: 'sample' }]);
    const after = snap(resumed, received);
    expect(after.paused).toBe(false);
    expect(after.resolve.dueAt!.getTime() - before.getTime()).toBe(received.getTime() - requested.getTime());
    expect(samplePausedMs(resumed, at('2026-11-30T00:00:00Z'))).toBe(48 * 3_600_000);
    expect(samplePausedMs(paused, at('2026-11-22T05:00:00Z'))).toBe(3_600_000);
  });

  test('one sample pause at a time; ending without one changes nothing', () => {
    const t = at('2026-11-22T04:00:00Z');
    const once = startSamplePause(base, t);
    expect(startSamplePause(once, at('2026-11-22T05:00:00Z'))).toBe(once);
    expect(endSamplePause(base, t)).toEqual(base);
  });

  test('the customer-waiting pause and the sample pause do not close each other; stop closes both', () => {
    const t1 = at('2026-11-22T04:00:00Z');
    const t2 = at('2026-11-22T06:00:00Z');
    const t3 = at('2026-11-22T08:00:00Z');
    const both = applySlaEffect(startSamplePause(base, t1), 'pause', t2);
    expect(both.pauses).toEqual([{ from: t1, reason: 'sample' }, { from: t2 }]);
    // The customer answers: only their pause closes, the sample still travels.
    const answered = applySlaEffect(both, 'resume', t3);
    expect(answered.pauses).toEqual([{ from: t1, reason: 'sample' }, { from: t2, to: t3 }]);
    expect(snap(answered, t3).paused).toBe(true);
    // The lab receives it: only the sample pause closes.
    expect(endSamplePause(both, t3).pauses).toEqual([{ from: t1, to: t3, reason: 'sample' }, { from: t2 }]);
    expect(applySlaEffect(both, 'stop', t3).pauses.every((p) => p.to)).toBe(true);
    // Overlapping pauses count once: 4 h of pause (t1..t3), not 6.
    const closed = endSamplePause(answered, t3);
    const unpaused = snap(base, t3).resolve.dueAt!.getTime();
    expect(snap(closed, t3).resolve.dueAt!.getTime() - unpaused).toBe(t3.getTime() - t1.getTime());
  });
});

describe('views', () => {
  test('the customer sees the code, the instructions and the shipping form; staff also see the reason and paused minutes', () => {
    const s = sample('requested', { reason: '顾客说特辣，产品标称微辣' });
    const mine = sampleView(s, 'customer');
    expect(mine).toMatchObject({ returnCode: 'YP26112200421', canConfirmShipped: true, stateLabel: '请寄回样品' });
    expect(mine.reason).toBeUndefined();
    expect(mine.pausedMinutes).toBeUndefined();
    const sla: SlaRecord = { startedAt: at('2026-11-22T01:00:00Z'), firstResponseDueAt: at('2026-11-22T03:00:00Z'), pauses: [{ from: at('2026-11-22T02:00:00Z'), reason: 'sample' }] };
    const staff = sampleView(s, 'staff', sla, at('2026-11-22T03:30:00Z'));
    expect(staff).toMatchObject({ reason: '顾客说特辣，产品标称微辣', pausedMinutes: 90, canConfirmShipped: false, stateLabel: '待顾客寄回' });
  });

  test('a result reads as a verdict with its photos', () => {
    const s = sample('resulted', {
      result: { conforms: true, measuredSpiceLevel: 2, conclusion: '辣度符合标称的微辣', photoFileIds: ['cloud://env.b/lab/1.jpg'], recordedAt: at('2026-11-25T02:00:00Z'), recordedBy: 'agent-b' },
    });
    expect(sampleView(s, 'customer').result).toMatchObject({ verdict: '符合产品标准', measuredSpiceLevel: 2, photoFileIds: ['cloud://env.b/lab/1.jpg'], recordedAt: '2026-11-25T10:00:00.000+08:00' });
    expect(sampleView(s, 'customer').canConfirmShipped).toBe(false);
  });
});

describe('the customer’s message about the sample', () => {
  test('the return code survives WeChat’s 20-character field and the SMS parameter limit', () => {
    const code = returnCode('KS20261122-0042', 1);
    const message = { kind: 'sample_request' as const, audience: 'customer' as const, ticketNo: 'KS20261122-0042', complaintId: 'c1', data: { ticketNo: 'KS20261122-0042', returnCode: code } };
    const now = new Date('2026-11-22T04:00:00Z');
    const T = DEFAULT_NOTIFY_CONFIG.templates;
    expect(customerSubscribe(message, now, T).data.thing2.value).toBe(`请寄回样品${code}`);
    expect(customerSms(message, now, T).params).toEqual(['KS20261122-0042', `请寄回样品${code}`]);
  });
});
