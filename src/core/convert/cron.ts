// Schedule translation between EventBridge (`cron()` with 6 fields, day-of-week 1–7 = SUN–SAT, `?`, `rate()`) and
// Kubernetes CronJob schedules (robfig/cron 5 fields, day-of-week 0–6 = SUN–SAT).
// Facts: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html and
// https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ (schedule syntax), reference §4 and §6.6.

export type CronResult = { ok: true; schedule: string; notes: string[] } | { ok: false; error: string };

const DOW_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELD_CHARS = /^[0-9A-Za-z*,\-/?]+$/;

function fail(error: string): CronResult {
  return { ok: false, error };
}

/** Shifts every numeric day-of-week in a field by `delta` (names pass through; robfig/cron and EventBridge both take SUN–SAT). */
function shiftDow(field: string, delta: number, min: number, max: number): string | undefined {
  const out: string[] = [];
  for (const part of field.split(',')) {
    const [range, step] = part.split('/');
    if (step !== undefined && !/^\d+$/.test(step)) return undefined;
    let shifted: string;
    if (range === '*') shifted = '*';
    else {
      const ends = range.split('-');
      if (ends.length > 2) return undefined;
      const mapped: string[] = [];
      for (const e of ends) {
        if (/^\d+$/.test(e)) {
          const n = Number(e);
          if (n < min || n > max) return undefined;
          mapped.push(String(n + delta));
        } else if (DOW_NAMES.includes(e.toUpperCase())) mapped.push(e.toUpperCase());
        else return undefined;
      }
      shifted = mapped.join('-');
    }
    out.push(step !== undefined ? `${shifted}/${step}` : shifted);
  }
  return out.join(',');
}

/**
 * EventBridge `cron(...)` / `rate(...)` → a 5-field CronJob schedule in UTC. Constructs cron cannot express (`L`, `W`,
 * `#`, year restrictions, rates that do not divide the hour/day) return an error that says why and what to do.
 */
export function eventBridgeToCronJob(expression: string): CronResult {
  const expr = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(expr);
  if (rate) return rateToCron(Number(rate[1]), rate[2].toLowerCase());
  const cron = /^cron\((.*)\)$/i.exec(expr);
  if (!cron) {
    if (/^at\(/i.test(expr))
      return fail(
        `'${expr}' is a one-time schedule; a CronJob repeats. Create a plain Job at that time (or keep the one-time EventBridge Scheduler schedule and have it start the Job).`,
      );
    return fail(`'${expr}' is not an EventBridge schedule expression (cron(...) or rate(...)); write the CronJob schedule by hand.`);
  }
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6)
    return fail(
      `cron(${cron[1]}) has ${fields.length} fields; EventBridge cron needs 6 (minutes hours day-of-month month day-of-week year). Fix the expression first.`,
    );
  const [min, hour, dom, month, dow, year] = fields;
  for (const f of fields) {
    if (!/^[0-9A-Za-z*,\-/?#]+$/.test(f)) return fail(`cron(${cron[1]}) has an invalid field '${f}'.`);
  }
  if (/[LW]/i.test(dom)) {
    return fail(
      `cron(${cron[1]}) uses '${dom}' (L = last day, W = nearest weekday) in day-of-month, which Kubernetes CronJob schedules cannot express. Run the CronJob daily and let the job exit early unless it is the wanted day, or keep this schedule in EventBridge Scheduler and have it start a Job.`,
    );
  }
  if (/[L#]/i.test(dow.replace(/SUN|MON|TUE|WED|THU|FRI|SAT/gi, ''))) {
    return fail(
      `cron(${cron[1]}) uses '${dow}' (L = last, # = nth weekday of the month) in day-of-week, which Kubernetes CronJob schedules cannot express. Run the CronJob on that weekday every week and let the job exit early unless it is the wanted occurrence, or keep the schedule in EventBridge Scheduler.`,
    );
  }
  if (year !== '*' && year !== '?') {
    return fail(
      `cron(${cron[1]}) restricts the year to '${year}'; CronJob schedules have no year field. Use '*' and suspend or delete the CronJob after that year (or run a one-off Job).`,
    );
  }
  const domAny = dom === '?' || dom === '*';
  const dowAny = dow === '?' || dow === '*';
  if (!domAny && !dowAny)
    return fail(`cron(${cron[1]}) restricts both day-of-month and day-of-week; EventBridge requires '?' in one of them. Fix the expression first.`);
  const k8sDow = dowAny ? '*' : shiftDow(dow, -1, 1, 7);
  if (k8sDow === undefined)
    return fail(`cron(${cron[1]}) has a day-of-week '${dow}' that is not 1–7, SUN–SAT, a range or a list; write the CronJob schedule by hand.`);
  const schedule = [min, hour, domAny ? '*' : dom, month, k8sDow].join(' ');
  const notes: string[] = [];
  if (!dowAny && /\d/.test(dow)) notes.push(`Day-of-week '${dow}' (EventBridge 1 = SUN) became '${k8sDow}' (CronJob 0 = SUN).`);
  return { ok: true, schedule, notes };
}

function rateToCron(value: number, unitRaw: string): CronResult {
  const unit = unitRaw.replace(/s$/, '');
  const text = `rate(${value} ${unitRaw})`;
  if (value < 1) return fail(`${text} must be at least 1.`);
  const aligned = `A rate schedule counts from when the rule was created; the CronJob fires on clock boundaries instead.`;
  if (unit === 'minute') {
    if (value === 1) return { ok: true, schedule: '* * * * *', notes: [aligned] };
    if (value < 60 && 60 % value === 0) return { ok: true, schedule: `*/${value} * * * *`, notes: [aligned] };
    if (value % 60 === 0) return rateToCron(value / 60, 'hours');
    return fail(
      `${text} cannot be written as a cron schedule: cron steps restart every hour, so only divisors of 60 minutes repeat evenly. Pick a divisor of 60 (e.g. ${nearestDivisor(value, 60)} minutes), or run a Deployment with an in-process timer.`,
    );
  }
  if (unit === 'hour') {
    if (value === 1) return { ok: true, schedule: '0 * * * *', notes: [aligned] };
    if (value < 24 && 24 % value === 0) return { ok: true, schedule: `0 */${value} * * *`, notes: [aligned] };
    if (value % 24 === 0) return rateToCron(value / 24, 'days');
    return fail(
      `${text} cannot be written as a cron schedule: cron steps restart every day, so only divisors of 24 hours repeat evenly. Pick a divisor of 24 (e.g. ${nearestDivisor(value, 24)} hours), or run a Deployment with an in-process timer.`,
    );
  }
  if (value === 1) return { ok: true, schedule: '0 0 * * *', notes: [aligned] };
  if (value === 7) return { ok: true, schedule: '0 0 * * 0', notes: [aligned, 'rate(7 days) became every Sunday at 00:00 UTC.'] };
  return fail(
    `${text} cannot be written as a cron schedule: months have 28–31 days, so every ${value} days has no cron form. Use a daily or weekly schedule (and skip runs in the job), or keep the EventBridge schedule and have it start a Job.`,
  );
}

function nearestDivisor(value: number, of: number): number {
  let best = 1;
  for (let d = 1; d <= of; d++) if (of % d === 0 && Math.abs(d - value) < Math.abs(best - value)) best = d;
  return best;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A 5-field CronJob schedule → EventBridge `cron(...)` (6 fields, day-of-week shifted to 1–7, `?` where needed). */
export function cronJobToEventBridge(schedule: string): CronResult {
  let s = schedule.trim();
  if (/^(CRON_)?TZ=/i.test(s))
    return fail(`'${schedule}' embeds a time zone, which Kubernetes does not support in schedule; move it to spec.timeZone and convert again.`);
  if (s.startsWith('@')) {
    const m = MACROS[s.toLowerCase()];
    if (!m)
      return fail(
        `'${schedule}' is not a schedule macro CronJobs accept (@hourly, @daily, @weekly, @monthly, @yearly); write the EventBridge schedule by hand.`,
      );
    s = m;
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return fail(`'${schedule}' has ${fields.length} fields; a CronJob schedule has 5 (minute hour day-of-month month day-of-week).`);
  for (const f of fields) if (!FIELD_CHARS.test(f)) return fail(`'${schedule}' has an unsupported field '${f}'.`);
  const [min, hour, dom, month, dow] = fields;
  const domAny = dom === '*' || dom === '?';
  const dowAny = dow === '*' || dow === '?';
  if (!domAny && !dowAny) {
    return fail(
      `'${schedule}' restricts both day-of-month and day-of-week (cron runs when either matches); EventBridge allows only one. Split it into two schedules (one per field) on the same function.`,
    );
  }
  // `*/2` starts at 0 (SUN) in cron and at 1 (SUN) in EventBridge, so star-steps keep their meaning without a shift.
  const ebDow = dowAny ? '?' : shiftDow(dow.replace(/(^|,|-)7(?=$|,|-|\/)/g, '$10'), 1, 0, 6);
  if (ebDow === undefined)
    return fail(`'${schedule}' has a day-of-week '${dow}' that is not 0–7, SUN–SAT, a range or a list; write the EventBridge schedule by hand.`);
  const ebDom = dowAny ? (domAny ? '*' : dom) : '?';
  return { ok: true, schedule: `cron(${[min, hour, ebDom, month, ebDow, '*'].join(' ')})`, notes: [] };
}
