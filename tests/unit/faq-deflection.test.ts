import { describe, expect, it } from 'vitest';
import { chinaDayRange, faqOutcomes, firstReads } from '../../shared/knowledge/deflection';

const H = 3_600_000;
const t0 = new Date('2026-11-01T02:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);

describe('FAQ deflection', () => {
  it('counts one read per customer and FAQ, the first', () => {
    const reads = firstReads([
      { openid: 'a', faqId: 'f1', at: at(2) },
      { openid: 'a', faqId: 'f1', at: at(1) },
      { openid: 'a', faqId: 'f2', at: at(3) },
    ]);
    expect(reads).toEqual([
      { openid: 'a', faqId: 'f1', at: at(1) },
      { openid: 'a', faqId: 'f2', at: at(3) },
    ]);
  });

  it('a complaint within 24 hours is submitted, none after the window is deflected, an open window is pending', () => {
    const reads = [
      { openid: 'filed', faqId: 'f1', at: at(0) },
      { openid: 'quiet', faqId: 'f1', at: at(0) },
      { openid: 'late-filer', faqId: 'f1', at: at(0) },
      { openid: 'earlier', faqId: 'f2', at: at(0) },
      { openid: 'recent', faqId: 'f2', at: at(40) },
    ];
    const complaints = new Map([
      ['filed', [at(0.5)]],
      ['late-filer', [at(30)]],
      ['earlier', [at(-1)]],
    ]);
    const { items, totals } = faqOutcomes(reads, complaints, at(48));
    expect(items).toEqual([
      { faqId: 'f1', reads: 3, submitted: 1, deflected: 2, pending: 0, rate: 0.667 },
      { faqId: 'f2', reads: 2, submitted: 0, deflected: 1, pending: 1, rate: 1 },
    ]);
    expect(totals).toEqual({ reads: 5, submitted: 1, deflected: 3, pending: 1, rate: 0.75 });
  });

  it('has no rate before any outcome is known', () => {
    const { totals } = faqOutcomes([{ openid: 'a', faqId: 'f', at: at(0) }], new Map(), at(1));
    expect(totals).toEqual({ reads: 1, submitted: 0, deflected: 0, pending: 1 });
  });

  it('turns China calendar days into instants (to inclusive), 30 days by default', () => {
    expect(chinaDayRange(new Date('2026-11-22T20:00:00Z'), '2026-11-01', '2026-11-02')).toEqual({
      start: new Date('2026-10-31T16:00:00Z'),
      end: new Date('2026-11-02T16:00:00Z'),
      from: '2026-11-01',
      to: '2026-11-02',
    });
    // 20:00 UTC is already the 23rd in China.
    expect(chinaDayRange(new Date('2026-11-22T20:00:00Z'))).toMatchObject({ from: '2026-10-25', to: '2026-11-23' });
    expect(Number.isNaN(chinaDayRange(new Date(), 'x', 'y').start.getTime())).toBe(true);
  });
});
