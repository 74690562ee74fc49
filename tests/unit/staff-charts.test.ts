import { describe, expect, test } from 'vitest';
import { barPercent, dayLabel, daysBefore, heatLevel, keywordSize, labelEvery, niceMax, percentText } from '../../shared/staff/charts';
import { complaintsCsv, csvCell, EXPORT_HEADERS, CSV_BOM, type ExportRow } from '../../shared/staff/csv';
import { checkInvitation, formatInvitationCode, invitationCodeFrom, INVITATION_CODE_RE, leavesNoAdmin, normalizeInvitationCode } from '../../shared/staff/model';
import { crossFieldErrors } from '../../shared/staff/config-docs';
import { DEFAULT_COMPENSATION_RULES } from '../../shared/compensation/rules';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/policy';
import { thinReadings } from '../../shared/staff/advice';

describe('chart scales', () => {
  test('axis maxima are round and never below the data', () => {
    expect([0, 0.4, 1, 3, 7, 12, 48, 101, 950].map(niceMax)).toEqual([1, 0.5, 1, 5, 10, 20, 50, 200, 1000]);
  });
  test('bars: proportional, a non-zero value stays visible, capped at 100 %', () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(1, 1000)).toBe(2);
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(20, 10)).toBe(100);
  });
  test('heatmap shades and keyword sizes', () => {
    expect([0, 1, 3, 6, 8].map((c) => heatLevel(c, 8))).toEqual([0, 1, 2, 3, 4]);
    // Between the quietest and the busiest non-empty cell: even data still shows its hot spot.
    expect([300, 320, 340, 377].map((c) => heatLevel(c, 377, 300))).toEqual([1, 2, 3, 4]);
    expect(heatLevel(5, 5, 5)).toBe(4);
    expect(keywordSize(1, 1, 9)).toBe(24);
    expect(keywordSize(9, 1, 9)).toBe(56);
    expect(keywordSize(3, 3, 3)).toBe(40);
  });
  test('labels, percentages and date presets', () => {
    expect(dayLabel('2026-11-02')).toBe('11/2');
    expect(labelEvery(30)).toBe(4);
    expect(labelEvery(7)).toBe(1);
    expect(percentText(0.9344)).toBe('93.4%');
    expect(percentText(undefined)).toBe('—');
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});

const row = (over: Partial<ExportRow> = {}): ExportRow => ({
  ticketNo: 'KS20261122-0001',
  createdAt: new Date('2026-11-22T02:00:00Z'),
  channel: 'phone',
  category: 'quality',
  subcategory: 'spoiled',
  level: 'L1',
  department: 'qc',
  status: 'investigating',
  foodSafety: true,
  contactPhoneMasked: '138****8000',
  description: '腊肠发霉\n孩子吃了, 肚子疼 "很难受"',
  sla: { firstResponseDueAt: new Date('2026-11-22T03:00:00Z'), firstRespondedAt: new Date('2026-11-22T02:30:00Z') },
  ...over,
});

describe('CSV export', () => {
  test('BOM, Chinese headers, CRLF, quoting, and formula cells neutralised', () => {
    const csv = complaintsCsv([row(), row({ description: '=1+1', ticketNo: '@x' })], () => '变质/发霉/不新鲜');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(EXPORT_HEADERS.join(','));
    expect(lines[1]).toContain('KS20261122-0001,2026-11-22 10:00,电话,产品质量,变质/发霉/不新鲜,L1 一级,质检部,调查中');
    expect(lines[1]).toContain('138****8000');
    expect(lines[1]).toContain(',是,'); // food safety, and first response met
    expect(lines[1]).toContain('"腊肠发霉 孩子吃了, 肚子疼 ""很难受"""');
    expect(lines[2].startsWith("'@x,")).toBe(true);
    expect(lines[2]).toContain(",'=1+1");
    expect(csvCell(-5)).toBe("'-5");
    expect(csvCell(undefined)).toBe('');
  });
});

describe('invitations and staff', () => {
  test('codes: deterministic from bytes, in the unambiguous alphabet, typed loosely', () => {
    const code = invitationCodeFrom(new Uint8Array([0, 1, 2, 3, 30, 31, 62, 200]));
    expect(code).toMatch(INVITATION_CODE_RE);
    expect(formatInvitationCode('ABCD2345')).toBe('ABCD-2345');
    expect(normalizeInvitationCode(' abcd-2345 ')).toBe('ABCD2345');
  });
  test('who may bind: open and unexpired; the same person again; nobody else', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const later = new Date('2026-11-29T00:00:00Z');
    expect(checkInvitation(undefined, 'a', now)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(checkInvitation({ status: 'open', expiresAt: later }, 'a', now)).toEqual({ ok: true });
    expect(checkInvitation({ status: 'open', expiresAt: now }, 'a', now)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(checkInvitation({ status: 'used', expiresAt: later, usedBy: 'a' }, 'a', now)).toEqual({ ok: true });
    expect(checkInvitation({ status: 'used', expiresAt: later, usedBy: 'a' }, 'b', now)).toMatchObject({ ok: false });
    expect(checkInvitation({ status: 'revoked', expiresAt: later }, 'a', now)).toMatchObject({ ok: false });
  });
  test('the last active admin cannot be demoted or deactivated', () => {
    const staff = [
      { openid: 'x', role: 'admin' as const, active: true },
      { openid: 'y', role: 'admin' as const, active: false },
    ];
    expect(leavesNoAdmin(staff, 'x', { active: false })).toBe(true);
    expect(leavesNoAdmin(staff, 'x', { role: 'manager' })).toBe(true);
    expect(leavesNoAdmin([...staff, { openid: 'z', role: 'admin' as const, active: true }], 'x', { active: false })).toBe(false);
  });
});

describe('configuration rules across fields', () => {
  test('cold-chain tiers must rise and end open; late-delivery cap ≥ hourly amount; SLA resolve ≥ first response', () => {
    const tiers = DEFAULT_COMPENSATION_RULES.coldChain.tiers;
    expect(crossFieldErrors('compensation', DEFAULT_COMPENSATION_RULES)).toEqual({});
    expect(crossFieldErrors('compensation', { ...DEFAULT_COMPENSATION_RULES, coldChain: { ...DEFAULT_COMPENSATION_RULES.coldChain, tiers: [tiers[0], { ...tiers[2] }, tiers[1]] } })).toMatchObject({
      'value.coldChain.tiers.1.upToMinutes': '只有最后一档可以不设上限',
    });
    expect(crossFieldErrors('compensation', { ...DEFAULT_COMPENSATION_RULES, lateDelivery: { ...DEFAULT_COMPENSATION_RULES.lateDelivery, capFen: 100 } })).toMatchObject({ 'value.lateDelivery.capFen': expect.any(String) });
    expect(crossFieldErrors('sla', DEFAULT_SLA_POLICY)).toEqual({});
    expect(crossFieldErrors('sla', { ...DEFAULT_SLA_POLICY, businessHours: { ...DEFAULT_SLA_POLICY.businessHours, mon: [{ from: '22:00', to: '08:00' }] } })).toMatchObject({ value: expect.stringContaining('开始时间须早于结束时间') });
    expect(crossFieldErrors('approval', { agentMaxFen: 5000, headMaxFen: 5000 })).toMatchObject({ 'value.headMaxFen': '主管权限须高于专员权限' });
  });
});

test('temperature readings are thinned for the curve, never dropping an excursion', () => {
  const start = Date.UTC(2026, 10, 1);
  const readings = Array.from({ length: 500 }, (_, i) => ({ at: new Date(start + i * 60_000), celsius: i === 333 ? -3 : -18 }));
  const thin = thinReadings(readings, -15);
  expect(thin.length).toBeLessThanOrEqual(100);
  expect(thin.some((r) => r.celsius === -3)).toBe(true);
});
