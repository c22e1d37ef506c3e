import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../src/core/analyze';
import { computeLineStarts, lineColumnAt } from '../../src/core/position';
import { applySuppressions, commentMarker, parseDirectiveBody, planSuppression, sanitizeReason, SUPPRESSION_RULE_ID } from '../../src/core/suppress';
import type { RawFinding } from '../../src/core/types';

/** Runs the real analyzer; returns `ruleId@line` for every finding. */
function run(code: string, file = 'src/handler.ts'): string[] {
  const a = analyzeFile(code, file);
  return a.findings.map((f) => `${f.ruleId}@${lineColumnAt(a.lineStarts, f.start).line}`).sort();
}

/** A finding of a made-up rule on each given 1-based line, so YAML/Python/HCL suppression is tested without their rules. */
function fakeFindings(text: string, lines: number[], ruleId = 'iac/timeout-limit'): RawFinding[] {
  const ls = computeLineStarts(text);
  return lines.map((l) => ({
    ruleId,
    category: 'timeout-limit',
    severity: 'warning',
    direction: 'to-lambda',
    start: ls[l - 1],
    end: ls[l - 1] + 1,
    message: 'x. y',
  }));
}

function applied(text: string, findings: RawFinding[]): string[] {
  const ls = computeLineStarts(text);
  return applySuppressions(text, ls, findings).map((f) => `${f.ruleId}@${lineColumnAt(ls, f.start).line}`);
}

const INTERVAL = `setInterval(() => flush(), 1000);`;

describe('suppression directives in JS/TS', () => {
  it('baseline: the finding exists without a directive', () => {
    assert.deepEqual(run(INTERVAL), ['handler/background-work@1']);
  });

  it('next-line with full id and reason hides exactly the next line', () => {
    const code = `// lambdashift-ignore-next-line handler/background-work -- flushed by the local dev server only\n${INTERVAL}\n${INTERVAL}`;
    assert.deepEqual(run(code), ['handler/background-work@3']);
  });

  it('short ids match the rule name', () => {
    assert.deepEqual(run(`// lambdashift-ignore-next-line background-work -- dev only\n${INTERVAL}`), []);
  });

  it('several ids, separated by commas or spaces', () => {
    const code = `import express from 'express';\nconst app = express();\n// lambdashift-ignore-next-line listening-server, handler/background-work -- demo\napp.listen(setInterval(() => 1, 5));`;
    assert.deepEqual(run(code.replace('lambdashift-ignore-next-line', 'not-a-directive')), ['handler/background-work@4', 'handler/listening-server@4']);
    assert.deepEqual(run(code), []);
    const spaced = code.replace('listening-server, handler/background-work', 'listening-server background-work');
    assert.deepEqual(run(spaced), []);
  });

  it('a different rule id does not hide the finding', () => {
    assert.deepEqual(run(`// lambdashift-ignore-next-line listening-server -- wrong rule\n${INTERVAL}`), ['handler/background-work@2']);
  });

  it('keeps indentation-insensitive next-line semantics but not two lines down', () => {
    const code = `function f() {\n    // lambdashift-ignore-next-line background-work -- ok\n\n    ${INTERVAL}\n}`;
    assert.deepEqual(run(code), ['handler/background-work@4']);
  });

  it('file-level block comment hides the rule everywhere in the file', () => {
    const code = `/* lambdashift-ignore-file handler/background-work -- a local dev script */\n${INTERVAL}\n\n${INTERVAL}`;
    assert.deepEqual(run(code), []);
  });

  it('JSDoc-style continuation lines count as comments', () => {
    const code = `/**\n * lambdashift-ignore-file background-work -- metrics agent runs in the container\n */\n${INTERVAL}`;
    assert.deepEqual(run(code), []);
  });

  it('a missing reason still suppresses but is reported as info at the directive', () => {
    const code = `const x = 1; // lambdashift-ignore-next-line background-work\n${INTERVAL}`;
    const a = analyzeFile(code, 'src/handler.ts');
    assert.equal(a.findings.length, 1);
    const [f] = a.findings;
    assert.equal(f.ruleId, SUPPRESSION_RULE_ID);
    assert.equal(f.severity, 'info');
    assert.match(f.message, /gives no reason/);
    assert.equal(code.slice(f.start, f.start + 'lambdashift-ignore'.length), 'lambdashift-ignore');
  });

  it('an empty reason after -- counts as missing', () => {
    assert.deepEqual(run(`// lambdashift-ignore-next-line background-work --   \n${INTERVAL}`), [`${SUPPRESSION_RULE_ID}@1`]);
  });

  it('an unknown rule id is reported and hides nothing', () => {
    const code = `// lambdashift-ignore-next-line backgroud-work -- typo\n${INTERVAL}`;
    const a = analyzeFile(code, 'src/handler.ts');
    assert.deepEqual(a.findings.map((f) => f.ruleId).sort(), ['core/suppression-reason', 'handler/background-work']);
    assert.match(a.findings.find((f) => f.ruleId === SUPPRESSION_RULE_ID)!.message, /`backgroud-work`/);
  });

  it('the directive text inside a string literal is not a directive', () => {
    const code = `const help = 'lambdashift-ignore-file background-work -- not a comment';\n${INTERVAL}`;
    assert.deepEqual(run(code), ['handler/background-work@2']);
  });

  it('the suppression-reason finding cannot hide itself', () => {
    const code = `// lambdashift-ignore-next-line core/suppression-reason\n${INTERVAL}`;
    assert.deepEqual(run(code), [`${SUPPRESSION_RULE_ID}@1`, 'handler/background-work@2']);
  });
});

describe('suppression directives with # comments (YAML, Python, HCL)', () => {
  it('YAML next-line and file directives', () => {
    const yaml = `Resources:\n  Fn:\n    Properties:\n      # lambdashift-ignore-next-line iac/timeout-limit -- batch job, moved to Kubernetes\n      Timeout: 1200\n      MemorySize: 99999\n`;
    assert.deepEqual(applied(yaml, fakeFindings(yaml, [5, 6])), ['iac/timeout-limit@6']);
    const fileWide = `# lambdashift-ignore-file timeout-limit -- reviewed\n${yaml}`;
    assert.deepEqual(applied(fileWide, fakeFindings(fileWide, [6, 7])), []);
  });

  it('Python comment after code and CRLF line endings', () => {
    const py = `import os\r\nx = 1  # lambdashift-ignore-next-line handler/background-work -- thread joined before return\r\nthreading.Thread(target=work).start()\r\n`;
    assert.deepEqual(applied(py, fakeFindings(py, [3], 'handler/background-work')), []);
  });

  it('HCL directive without a reason is reported', () => {
    const hcl = `resource "aws_lambda_function" "f" {\n  # lambdashift-ignore-next-line timeout-limit\n  timeout = 1200\n}\n`;
    assert.deepEqual(applied(hcl, fakeFindings(hcl, [3])), [`${SUPPRESSION_RULE_ID}@2`]);
  });

  it('no directive: findings are returned untouched', () => {
    const text = `a: 1\n`;
    const f = fakeFindings(text, [1]);
    assert.equal(applySuppressions(text, computeLineStarts(text), f), f);
  });
});

describe('parseDirectiveBody', () => {
  it('splits ids and reason, dropping a block comment end', () => {
    assert.deepEqual(parseDirectiveBody(' a/b, c d -- because  it is fine */ trailing'), { ids: ['a/b', 'c', 'd'], reason: 'because  it is fine' });
    assert.deepEqual(parseDirectiveBody(' a/b'), { ids: ['a/b'], reason: '' });
    assert.deepEqual(parseDirectiveBody(' a --x -- y'), { ids: ['a'], reason: 'x -- y' });
  });
});

describe('planSuppression (the "Suppress with reason…" quick fix text)', () => {
  it('comment markers per language, none for JSON', () => {
    assert.equal(commentMarker('typescriptreact'), '//');
    assert.equal(commentMarker('yaml'), '#');
    assert.equal(commentMarker('python'), '#');
    assert.equal(commentMarker('terraform'), '#');
    assert.equal(commentMarker('json'), undefined);
    for (const id of ['go', 'java', 'csharp']) assert.equal(commentMarker(id), '//', id);
    // Files opened without their language extension installed are plain text: the file name decides.
    for (const f of ['main.go', 'Handler.java', 'Function.cs']) assert.equal(commentMarker('plaintext', f), '//', f);
  });

  it('inserts a directive above the line with its indentation and the document EOL', () => {
    assert.deepEqual(
      planSuppression({
        languageId: 'typescript',
        targetLineText: '    setInterval(f, 1);',
        ruleId: 'handler/background-work',
        reason: 'dev only',
        eol: '\r\n',
      }),
      {
        kind: 'insert',
        text: '    // lambdashift-ignore-next-line handler/background-work -- dev only\r\n',
      },
    );
    assert.deepEqual(planSuppression({ languageId: 'yaml', targetLineText: '\t  Timeout: 1200', ruleId: 'iac/timeout-limit', reason: 'ok' }), {
      kind: 'insert',
      text: '\t  # lambdashift-ignore-next-line iac/timeout-limit -- ok\n',
    });
  });

  it('the inserted text is a directive the analyzer honours', () => {
    const code = `export const handler = async () => {\n  ${INTERVAL}\n};`;
    const lines = code.split('\n');
    const plan = planSuppression({
      languageId: 'typescript',
      targetLineText: lines[1],
      previousLineText: lines[0],
      ruleId: 'handler/background-work',
      reason: 'cleared in finally',
    })!;
    const edited = [lines[0], plan.text + lines[1], lines[2]].join('\n');
    assert.deepEqual(run(edited), []);
  });

  it('merges into a next-line directive already on the line above', () => {
    const plan = planSuppression({
      languageId: 'typescript',
      targetLineText: '  app.listen(setInterval(f, 1));',
      previousLineText: '  // lambdashift-ignore-next-line handler/listening-server -- local only',
      ruleId: 'handler/background-work',
      reason: 'demo',
    });
    assert.deepEqual(plan, {
      kind: 'replace',
      text: '  // lambdashift-ignore-next-line handler/listening-server, handler/background-work -- local only; demo',
    });
    const code = `import express from 'express';\nconst app = express();\n${plan!.text}\napp.listen(setInterval(() => 1, 5));`;
    assert.deepEqual(run(code), []);
  });

  it('declines when the reason is empty, the language has no comments, or the rule is already suppressed', () => {
    assert.equal(planSuppression({ languageId: 'typescript', targetLineText: 'x', ruleId: 'a/b', reason: '  \n ' }), undefined);
    assert.equal(planSuppression({ languageId: 'json', targetLineText: 'x', ruleId: 'a/b', reason: 'r' }), undefined);
    assert.equal(
      planSuppression({
        languageId: 'typescript',
        targetLineText: 'x',
        previousLineText: '// lambdashift-ignore-next-line b -- r',
        ruleId: 'a/b',
        reason: 'r',
      }),
      undefined,
    );
  });

  it('keeps the reason on one line and the comment closed', () => {
    assert.equal(sanitizeReason(' runs\nlocally */ only '), 'runs locally * / only');
  });
});
