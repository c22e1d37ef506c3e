import { longRunning } from '../../../src/core/rules/iac/long-running';
import { container, deployment } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const job = (spec: string, podExtra = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: export
spec:
${spec}  template:
    spec:
${podExtra}      containers:
        - name: a
          image: a:1
`;
const cron = (jobSpec: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
${jobSpec}      template:
        spec:
          containers:
            - name: a
              image: a:1
`;

/** A bare Pod running `command`, with `restartPolicy` when given (its `kind` at line 2). */
const pod = (command: string, restartPolicy?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
${restartPolicy ? `  restartPolicy: ${restartPolicy}\n` : ''}  containers:
    - name: writer
      image: nginx
      command: ${command}
`;
const LOOP = '["/bin/sh", "-c", "while true; do date >> /data/out; sleep 1; done"]';

ruleTester(longRunning, {
  defaultFile: 'k8s/jobs.yaml',
  valid: [
    { name: 'Job with a 600 s deadline', code: job('  activeDeadlineSeconds: 600\n') },
    { name: 'Job at exactly 900 s', code: job('  activeDeadlineSeconds: 900\n') },
    { name: 'CronJob with 300 s', code: cron('      activeDeadlineSeconds: 300\n') },
    { name: 'pod-level deadline of 120 s', code: job('', '      activeDeadlineSeconds: 120\n') },
    { name: 'a bare Pod that runs once (restartPolicy Never) is no worker', code: pod(LOOP, 'Never') },
    { name: 'a bare Pod running a one-off check (eks-blueprints ml-container-cache) is no worker', code: pod('["python3", "-c", "import torch; print(1)"]') },
    {
      name: 'a bare Pod of nginx started as it is serves HTTP (iac/listening-server), not a loop',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n',
    },
    {
      name: 'a Deployment of httpd started as it is: a server, not a worker',
      code: deployment('        - name: web\n          image: httpd:2.4\n'),
    },
    { name: 'a bare Pod that runs until it succeeds (OnFailure) is no worker', code: pod('["python", "migrate.py"]', 'OnFailure') },
    {
      name: 'Deployment serving a port (request/response, not a worker)',
      code: deployment(container('w', '          ports:\n            - containerPort: 8080\n')),
    },
    {
      name: 'Deployment whose port is on a second container',
      code: deployment(container('w') + container('proxy', '          ports:\n            - containerPort: 9000\n')),
    },
    { name: 'StatefulSet', code: deployment(container('w'), { kind: 'StatefulSet' }) },
    {
      name: 'bare Pod that runs once (not a Job: no deadline note)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: Never\n  containers:\n    - name: a\n      image: a:1\n',
    },
    { name: 'CronJob with deadline as the only job field', code: cron('      activeDeadlineSeconds: 60\n      backoffLimit: 1\n') },
    // An HTTP server that declares no port (iac/listening-server says so) is not a worker.
    {
      name: 'Deployment with an httpGet probe and no containerPort',
      code: deployment(container('w', '          readinessProbe:\n            httpGet: { path: /healthz, port: 8080 }\n')),
    },
    {
      name: 'Deployment with a PORT variable and no containerPort',
      code: deployment(container('w', '          env:\n            - name: PORT\n              value: "8080"\n')),
    },
    { name: 'Deployment started with --port', code: deployment(container('w', '          args: ["serve", "--port=8080"]\n')) },
  ],
  invalid: [
    {
      name: 'task-queue workers and schedulers by their command: Celery (python -m, sh -c), RQ, Django Q, Laravel; a broker password is not shown',
      code: [
        deployment(container('w', '          command: ["python", "-m", "celery", "-A", "proj", "worker", "--broker", "amqp://u:S3cretPassw0rd@mq//"]\n'), {
          name: 'tasks',
        }),
        deployment(container('b', '          command: ["sh", "-c", "exec celery -A proj beat -l info"]\n'), { name: 'beat' }),
        deployment(container('r', '          args: ["python", "manage.py", "rqworker", "default"]\n'), { name: 'rq' }),
        deployment(container('l', '          command: ["php", "artisan", "schedule:work"]\n'), { name: 'cron' }),
        deployment(container('x', '          command: ["celery", "-A", "proj", "flower"]\n'), { name: 'flower' }),
      ].join('---\n'),
      errors: [
        { line: 2, message: 'Deployment tasks runs a Celery worker (`celery -A proj worker`), which takes tasks from its broker', severity: 'warning' },
        { line: 17, message: 'Deployment beat runs Celery beat (`celery -A proj beat`), an in-process scheduler', severity: 'warning' },
        { line: 32, message: 'Deployment rq runs an RQ worker (`manage.py rqworker`)', severity: 'warning' },
        { line: 47, message: 'Deployment cron runs the Laravel scheduler (`php artisan schedule:work`)', severity: 'warning' },
        { line: 62, message: 'Deployment flower serves no port, so it is a background worker', severity: 'warning' },
      ],
    },
    // Without a declared (or measured) bound nothing is known either way: a note to measure, not a warning.
    { name: 'Job without deadline', code: job(''), errors: [{ line: 2, column: 7, message: 'sets no activeDeadlineSeconds', severity: 'info' }] },
    {
      name: 'per-minute CronJob running one CLI call, no deadline: still only a note',
      code: cron('').replace('"0 3 * * *"', '"* * * * *"').replace('image: a:1', 'image: a:1\n              command: ["aws", "s3", "sync", "/data", "s3://b"]'),
      errors: [{ line: 2, severity: 'info' }],
    },
    { name: 'CronJob without deadline', code: cron(''), errors: [{ line: 2, message: 'CronJob nightly' }] },
    { name: 'Job over 900', code: job('  activeDeadlineSeconds: 3600\n'), errors: [{ line: 6, column: 26, message: '3600 s', severity: 'error' }] },
    { name: 'CronJob over 900', code: cron('      activeDeadlineSeconds: 901\n'), errors: [{ line: 9, message: '901 s' }] },
    { name: 'pod-level deadline over 900', code: job('', '      activeDeadlineSeconds: 7200\n'), errors: [{ line: 8, message: '7200' }] },
    { name: 'Job with only backoffLimit', code: job('  backoffLimit: 2\n'), errors: [{ line: 2 }] },
    { name: 'two Jobs, one unbounded', code: job('  activeDeadlineSeconds: 60\n') + '---\n' + job(''), errors: [{ line: 14 }] },
    {
      name: 'a Deployment of the pause image only holds capacity: a note that nothing is to move, not a worker',
      code: deployment('        - name: inflate\n          image: public.ecr.aws/eks-distro/kubernetes/pause:3.7\n'),
      errors: [{ line: 2, message: 'runs only the pause image, a placeholder', severity: 'info' }],
    },
    {
      name: 'a balloon Deployment whose shell only sleeps in a loop: an idle placeholder, not a worker',
      code: deployment('        - name: pgpool\n          image: busybox:latest\n          command: ["/bin/sh", "-c", "while true; do sleep 3600; done"]\n'),
      errors: [{ line: 2, message: 'only keeps its container alive (`/bin/sh -c while true; do sleep 3600; done`): a placeholder', severity: 'info' }],
    },
    {
      name: 'a toolbox pod kept for kubectl exec (sleep infinity, tail -f /dev/null)',
      code: deployment(
        '        - name: tools\n          image: alpine:3\n          command: ["sleep", "infinity"]\n        - name: t2\n          image: alpine:3\n          args: ["tail", "-f", "/dev/null"]\n',
      ),
      errors: [{ line: 2, message: 'only keeps its container alive (`sleep infinity`)', severity: 'info' }],
    },
    {
      name: 'a bare Pod kept running (restartPolicy Always by default) is a worker too (kubernetes/examples volume demos)',
      code: pod(LOOP),
      errors: [{ line: 2, message: 'Pod writer serves no port, so it is a background worker', severity: 'warning' }],
    },
    {
      name: 'a bare Pod running `watch` re-runs its command for ever (eks-blueprints wireguard client)',
      code: pod('["watch", "wget", "server"]'),
      errors: [{ line: 2, message: 'Pod writer serves no port, so it is a background worker' }],
    },
    {
      name: 'a Pod that says Always, and a ReplicaSet, likewise',
      code: [
        pod(LOOP, 'Always'),
        `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  selector: { matchLabels: { app: rs } }\n  template:\n    metadata: { labels: { app: rs } }\n    spec:\n      containers:\n        - name: w\n          image: acme/worker:1\n`,
      ].join('---\n'),
      errors: [
        { line: 2, message: 'Pod writer serves no port' },
        { line: 13, message: 'ReplicaSet rs serves no port' },
      ],
    },
    {
      name: 'a shell loop that does work between its sleeps is the worker it is',
      code: deployment('        - name: sync\n          image: alpine:3\n          command: ["sh", "-c", "while true; do ./sync.sh; sleep 60; done"]\n'),
      errors: [{ line: 2, message: 'serves no port, so it is a background worker', severity: 'warning' }],
    },
    {
      name: 'the pause image beside a real container: the worker it is',
      code: deployment('        - name: w\n          image: acme/worker:1\n        - name: hold\n          image: registry.k8s.io/pause:3.9\n'),
      errors: [{ line: 2, message: 'serves no port, so it is a background worker', severity: 'warning' }],
    },
    {
      name: 'worker Deployment with no ports',
      code: deployment(container('w')),
      errors: [{ line: 2, column: 7, message: 'background worker', severity: 'warning' }],
    },
    {
      name: 'a worker with an exec probe and a QUEUE_PORT variable is still a worker',
      code: deployment(
        container(
          'w',
          '          livenessProbe:\n            exec: { command: ["true"] }\n          env:\n            - name: QUEUE_PORT\n              value: "5672"\n',
        ),
      ),
      errors: [{ line: 2, message: 'background worker' }],
    },
    {
      name: 'worker Deployment with a command and env but no ports',
      code: deployment(
        container('consumer', '          command: ["node", "consume.js"]\n          env:\n            - name: QUEUE\n              value: orders\n'),
        { name: 'orders-consumer' },
      ),
      errors: [{ line: 2, message: 'Deployment orders-consumer' }],
    },
    {
      name: 'Job in JSON',
      file: 'k8s/job.json',
      code: JSON.stringify(
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'j' },
          spec: { activeDeadlineSeconds: 1000, template: { spec: { containers: [{ name: 'a', image: 'a:1' }] } } },
        },
        null,
        1,
      ),
      errors: [{ line: 8, message: '1000 s' }],
    },
  ],
});
