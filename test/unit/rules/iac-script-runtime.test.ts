import { scriptRuntime } from '../../../src/core/rules/iac/script-runtime';
import { container, deployment } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

/** A CronJob whose one container runs `command`; the container starts at line 14. */
const cronJob = (command: string, image = 'alpine:3.20') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: backup
              image: ${image}
              command: ${command}
`;

ruleTester(scriptRuntime, {
  defaultFile: 'k8s/backup.yaml',
  valid: [
    { name: 'a program of its own', code: cronJob('["/app/backup", "--all"]') },
    { name: 'a shell line that only launches Python', code: cronJob('["sh", "-c", "pip install -r req.txt && python backup.py"]') },
    { name: 'one command through sh -c', code: cronJob('["sh", "-c", "node dist/backup.js"]') },
    {
      name: 'a Deployment whose start.sh launches its server (a launcher, not the work)',
      code: deployment(container('web', '          command: ["./start.sh"]\n')),
    },
    { name: 'a datastore image running its own server', code: cronJob('["sh", "-c", "redis-server --save \'\' ; echo done"]', 'redis:7') },
  ],
  invalid: [
    {
      name: 'a script file, run through a shell',
      code: cronJob('["/bin/sh", "/scripts/backup.sh"]'),
      errors: [{ line: 13, message: 'CronJob backup runs the shell script `/scripts/backup.sh`, and Lambda has no shell runtime' }],
    },
    {
      name: 'a script read into the shell with `.`',
      code: cronJob('["bash", "-c", ". /scripts/initialize-database.sh 127.0.0.1 5432 accounts"]'),
      errors: [{ line: 13, message: 'runs the shell script `/scripts/initialize-database.sh`' }],
    },
    {
      name: 'a pipeline written inline',
      code: cronJob('["sh", "-c", "pg_dump $DB | gzip > /tmp/db.gz && aws s3 cp /tmp/db.gz s3://backups/"]'),
      errors: [{ line: 13, message: 'CronJob backup runs the shell script written inline (`sh -c`)' }],
    },
    {
      name: 'a loop written inline',
      code: cronJob('["bash", "-c", "for f in /data/*; do curl -fsS -T $f https://archive.example.com/; done"]'),
      errors: [{ line: 13, message: 'runs the shell script written inline' }],
    },
  ],
});
