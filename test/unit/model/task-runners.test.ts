import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandWords, taskRunnerOf } from '../../../src/core/model/images';

describe('task-queue processes by their command', () => {
  it('reads through shells, exec and launchers', () => {
    assert.deepEqual(commandWords(['sh', '-c', 'set -e; exec celery -A proj worker; echo done']), ['celery', '-A', 'proj', 'worker']);
    assert.deepEqual(commandWords(['bash', '-c', 'A=1 B=2 rq worker high']), ['rq', 'worker', 'high']);
    // The command a chain leaves running is its last, as for a container's entry (join/code.ts launchOf).
    assert.equal(taskRunnerOf({ command: ['sh', '-c', 'python manage.py migrate && celery -A proj worker -l info'] })?.tool, 'a Celery worker');
    assert.deepEqual(commandWords(['/bin/sh', '-c', "psql -f 'init db.sql' && echo done"]), ['psql', '-f', 'init db.sql']);
    assert.equal(taskRunnerOf({ command: ['poetry', 'run', 'dramatiq', 'app.tasks'] })?.tool, 'a Dramatiq worker');
    assert.equal(taskRunnerOf({ command: ['bundle', 'exec', 'sidekiq', '-C', 'config/sidekiq.yml'] })?.tool, 'Sidekiq');
    assert.equal(taskRunnerOf({ command: ['celery'], args: ['-A', 'proj', 'worker'] })?.role, 'worker');
  });
  it('is none for other commands of the same tools (a Celery UI, an RQ info query, a web server)', () => {
    assert.equal(taskRunnerOf({ command: ['celery', '-A', 'proj', 'flower'] }), undefined);
    assert.equal(taskRunnerOf({ command: ['rq', 'info'] }), undefined);
    assert.equal(taskRunnerOf({ command: ['gunicorn', 'app:app'] }), undefined);
    assert.equal(taskRunnerOf({}), undefined);
  });
  it('never shows what follows the word that says what runs, and masks a credential before it', () => {
    const after = taskRunnerOf({ command: ['celery', '-A', 'proj', 'worker', '--broker', 'amqp://u:S3cretPassw0rd@mq//'] });
    assert.equal(after?.command, 'celery -A proj worker');
    const before = taskRunnerOf({ command: ['celery', '-b', 'amqp://u:S3cretPassw0rd@mq//', '-A', 'proj', 'worker'] });
    assert.ok(before && !before.command.includes('S3cretPassw0rd'), before?.command);
  });
});
