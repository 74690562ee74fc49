/**
 * One public holiday of mainland China as the State Council announces it: the days off (放假, China dates,
 * inclusive) and the weekend days that become working days in exchange (调休上班).
 */
export interface PublicHolidayPeriod {
  name: string;
  from: string;
  to: string;
  workdays: string[];
  /**
   * True when the dates are only the statutory days fixed by 《全国年节及纪念日放假办法》, not yet the official
   * arrangement with its 调休 — the admin must replace them once the State Council publishes the notice.
   */
  provisional?: boolean;
}

/**
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (国务院办公厅, 2025-11-04, published by 新华社).
 */
const CN_2026: PublicHolidayPeriod[] = [
  { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
  { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
  { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
  { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
  { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
  { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
  { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
];

/**
 * 2027: the official arrangement was not available when this list was written. Only the statutory days with fixed
 * Gregorian dates are listed (元旦 1 Jan; 劳动节 1–2 May; 国庆节 1–3 Oct, per the 2024 revision of
 * 《全国年节及纪念日放假办法》). The lunar holidays (春节, 清明, 端午, 中秋) and every 调休 working day are missing:
 * the admin MUST update this list from 国务院办公厅关于2027年部分节假日安排的通知 when it is published.
 */
const CN_2027_PROVISIONAL: PublicHolidayPeriod[] = [
  { name: '元旦', from: '2027-01-01', to: '2027-01-01', workdays: [], provisional: true },
  { name: '劳动节', from: '2027-05-01', to: '2027-05-02', workdays: [], provisional: true },
  { name: '国庆节', from: '2027-10-01', to: '2027-10-03', workdays: [], provisional: true },
];

export const CN_PUBLIC_HOLIDAYS: PublicHolidayPeriod[] = [...CN_2026, ...CN_2027_PROVISIONAL];
