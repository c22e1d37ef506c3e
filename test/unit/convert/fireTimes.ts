import { CronExpressionParser } from 'cron-parser';

const START = new Date('2026-03-01T00:00:00Z');

/** Fire times over `days` days from 2026-03-01 UTC for a 5-field schedule, computed by cron-parser (not our code). */
export function fireTimes(schedule: string, days = 14, tz = 'Etc/UTC'): string[] {
  const end = new Date(START.getTime() + days * 86400_000);
  const it = CronExpressionParser.parse(schedule, { currentDate: START, endDate: end, tz });
  const out: string[] = [];
  while (it.hasNext()) out.push(it.next().toDate().toISOString());
  return out;
}
