// A node:test reporter that prints one closing line of totals, `<suite>: N passed, N failed[, N skipped]`, so a log
// (local or CI) always says how many tests ran. Suites (describe blocks) are not counted, only the tests in them.
export default async function* totals(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { details, skip, todo } = event.data;
    if (details?.type === 'suite') {
      // A suite fails on its own only when a hook (before/after) throws: count that as a failure too.
      if (event.type === 'test:fail' && details.error?.failureType === 'hookFailed') failed++;
      continue;
    }
    if (skip || todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  const label = process.env.LAMBDASHIFT_TEST_SUITE || 'tests';
  yield `\n${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
