// Builders for small IaC documents in model-rule tables. Line numbers in the tables are counted from these layouts.

/** A Deployment whose containers start at line 12 (line 11 without `extra`; each extra line shifts by one). */
export function deployment(containers: string, opts: { kind?: string; extra?: string; name?: string } = {}): string {
  return `apiVersion: apps/v1
kind: ${opts.kind ?? 'Deployment'}
metadata:
  name: ${opts.name ?? 'web'}
spec:
  replicas: 2
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
${containers}${opts.extra ?? ''}`;
}

/** One container item at the Deployment's indentation. */
export function container(name: string, body = ''): string {
  return `        - name: ${name}\n          image: ${name}:1.0\n${body}`;
}

/** A SAM template with one function `Fn`; its properties start at line 7. */
export function samFunction(props: string, extra = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
${props}${extra}`;
}

/**
 * A workload whose pods carry `app: <name>` (its selector too), one container `main`, and `container` appended to that
 * container's keys (env, args, ports at its indentation).
 */
export function labelledWorkload(name: string, opts: { kind?: string; image?: string; container?: string } = {}): string {
  return `apiVersion: apps/v1
kind: ${opts.kind ?? 'Deployment'}
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: main
          image: ${opts.image ?? `example/${name}:1.0`}
${opts.container ?? ''}`;
}
