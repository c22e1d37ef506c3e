import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronJobToEventBridge, eventBridgeToCronJob } from '../../../src/core/convert/cron';
import { fireTimes } from './fireTimes';

describe('eventBridgeToCronJob', () => {
  const ok: [string, string][] = [
    ['cron(0 3 ? * MON-FRI *)', '0 3 * * MON-FRI'],
    ['cron(0 12 ? * 2 *)', '0 12 * * 1'],
    ['cron(15 10 ? * 1,7 *)', '15 10 * * 0,6'],
    ['cron(0 8 ? * 2-6 *)', '0 8 * * 1-5'],
    ['cron(0/15 * * * ? *)', '0/15 * * * *'],
    ['cron(0 0 1 * ? *)', '0 0 1 * *'],
    ['cron(30 6 ? JAN-MAR SUN *)', '30 6 * JAN-MAR SUN'],
    ['rate(5 minutes)', '*/5 * * * *'],
    ['rate(1 minute)', '* * * * *'],
    ['rate(1 hour)', '0 * * * *'],
    ['rate(120 minutes)', '0 */2 * * *'],
    ['rate(6 hours)', '0 */6 * * *'],
    ['rate(1 day)', '0 0 * * *'],
    ['rate(7 days)', '0 0 * * 0'],
  ];
  for (const [eb, k8s] of ok) {
    it(`${eb} → ${k8s}`, () => {
      const r = eventBridgeToCronJob(eb);
      assert.ok(r.ok, !r.ok ? r.error : '');
      assert.equal(r.schedule, k8s);
    });
  }

  it('fires an EventBridge Monday (DOW 2) schedule on Mondays', () => {
    const r = eventBridgeToCronJob('cron(0 12 ? * 2 *)');
    assert.ok(r.ok);
    const times = fireTimes(r.schedule);
    assert.equal(times.length, 2);
    for (const t of times) assert.equal(new Date(t).getUTCDay(), 1, t);
  });

  it('keeps SUN and SAT for DOW 1 and 7', () => {
    const r = eventBridgeToCronJob('cron(0 9 ? * 1,7 *)');
    assert.ok(r.ok);
    assert.deepEqual([...new Set(fireTimes(r.schedule).map((t) => new Date(t).getUTCDay()))].sort(), [0, 6]);
  });

  const errors: [string, RegExp][] = [
    ['cron(0 0 L * ? *)', /L = last day.*daily/],
    ['cron(0 0 15W * ? *)', /W = nearest weekday/],
    ['cron(0 0 ? * 6L *)', /L = last.*weekday/],
    ['cron(0 0 ? * 2#1 *)', /# = nth weekday/],
    ['cron(0 0 * * ? 2027)', /year.*'2027'.*no year field/],
    ['cron(0 0 1 * 2 *)', /both day-of-month and day-of-week/],
    ['cron(0 0 * * *)', /5 fields; EventBridge cron needs 6/],
    ['rate(7 minutes)', /divisors of 60.*Deployment/],
    ['rate(5 hours)', /divisors of 24/],
    ['rate(3 days)', /no cron form/],
    ['at(2026-05-01T10:00:00)', /one-time schedule/],
    ['every day', /not an EventBridge schedule/],
    ['cron(0 0 ? * 8 *)', /not 1–7/],
  ];
  for (const [eb, re] of errors) {
    it(`rejects ${eb} with a reason and a way out`, () => {
      const r = eventBridgeToCronJob(eb);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, re);
    });
  }
});

describe('cronJobToEventBridge', () => {
  const ok: [string, string][] = [
    ['0 3 * * 1-5', 'cron(0 3 ? * 2-6 *)'],
    ['0 3 * * MON-FRI', 'cron(0 3 ? * MON-FRI *)'],
    ['*/5 * * * *', 'cron(*/5 * * * ? *)'],
    ['0 0 1 * *', 'cron(0 0 1 * ? *)'],
    ['0 12 * * 0', 'cron(0 12 ? * 1 *)'],
    ['0 12 * * 7', 'cron(0 12 ? * 1 *)'],
    ['@daily', 'cron(0 0 * * ? *)'],
    ['@weekly', 'cron(0 0 ? * 1 *)'],
  ];
  for (const [k8s, eb] of ok) {
    it(`${k8s} → ${eb}`, () => {
      const r = cronJobToEventBridge(k8s);
      assert.ok(r.ok, !r.ok ? r.error : '');
      assert.equal(r.schedule, eb);
    });
  }
  it('round-trips to the same fire times over two weeks', () => {
    for (const k8s of ['0 3 * * 1-5', '15 10 * * 0,6', '*/30 * * * *', '0 0 1,15 * *', '0 9 * * SUN']) {
      const eb = cronJobToEventBridge(k8s);
      assert.ok(eb.ok);
      const back = eventBridgeToCronJob(eb.schedule);
      assert.ok(back.ok, !back.ok ? back.error : '');
      assert.deepEqual(fireTimes(back.schedule), fireTimes(k8s), k8s);
    }
  });
  const errors: [string, RegExp][] = [
    ['0 0 1 * 1', /both day-of-month and day-of-week.*two schedules/],
    ['CRON_TZ=Europe/Paris 0 0 * * *', /spec.timeZone/],
    ['@reboot', /not a schedule macro/],
    ['0 0 * *', /4 fields/],
  ];
  for (const [k8s, re] of errors) {
    it(`rejects ${k8s}`, () => {
      const r = cronJobToEventBridge(k8s);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, re);
    });
  }
});
