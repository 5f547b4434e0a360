// Calendar days as the settings show them. A day here is a Beijing calendar day written 'YYYY-MM-DD'
// (docs/calendar.md), not an instant: it is formatted from its digits, never through a Date's zone.

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 2027-01-01 → 2027年1月1日（星期五） */
export function dayInChinese(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return `${year}年${month}月${date}日（星期${WEEKDAYS[weekday]}）`;
}

export function isWeekend(day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** This year in Beijing, whatever the browser's zone (a clerk near midnight on 31 December). */
export function beijingYear(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

/** A Date at local midnight of `day`, for el-calendar, which shows the browser's local days. */
export function localDateOf(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/** The 'YYYY-MM-DD' of a local Date, as el-calendar's cells give them. */
export function dayOfLocalDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
