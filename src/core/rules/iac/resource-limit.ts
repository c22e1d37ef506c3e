import type { ModelRule } from '../types';
import { at, cpuCores, memoryMiB } from './util';

/** Lambda: memory 128–10,240 MB, /tmp 512–10,240 MB, at most 6 vCPU (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
const MAX_MB = 10240;
const MAX_VCPU = 6;

export const resourceLimit: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/resource-limit',
    category: 'resource-limit',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description: 'Resources a Lambda function cannot have: over 10,240 MB memory or /tmp, over 6 vCPU, any GPU; or Lambda memory and /tmp settings out of range.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
    },
    messages: {
      memory: 'Container {container} of {name} asks for {value} of memory, more than Lambda\'s 10,240 MB maximum. Reduce its working set (stream instead of loading) or keep it on Kubernetes.',
      cpu: 'Container {container} of {name} asks for {value} CPU, more than the 6 vCPU a Lambda function gets at most. Parallelise across invocations or keep it on Kubernetes.',
      gpu: 'Container {container} of {name} requests a GPU ({value}), and Lambda has no GPUs. Keep this workload on Kubernetes (or a GPU service) and move only its CPU parts.',
      storage: 'Container {container} of {name} asks for {value} of ephemeral storage, more than Lambda\'s 10,240 MB /tmp. Stream data through S3 instead of local disk, or keep it on Kubernetes.',
      lambdaMemory: 'Function {name} sets {value} MB of memory, outside Lambda\'s 128–10,240 MB range, so the deployment is rejected. Use a value in range.',
      lambdaTmp: 'Function {name} sets {value} MB of ephemeral storage, outside Lambda\'s 512–10,240 MB range, so the deployment is rejected. Use a value in range.',
    },
  },
  check(ctx) {
    for (const u of ctx.units) {
      if (u.kind === 'lambda-function') {
        if (u.memoryMB !== undefined && (u.memoryMB < 128 || u.memoryMB > MAX_MB)) ctx.report({ unit: u.name, messageId: 'lambdaMemory', data: { name: u.name, value: u.memoryMB }, at: at(u, 'memoryMB'), direction: 'both' });
        if (u.ephemeralStorageMB !== undefined && (u.ephemeralStorageMB < 512 || u.ephemeralStorageMB > MAX_MB)) ctx.report({ unit: u.name, messageId: 'lambdaTmp', data: { name: u.name, value: u.ephemeralStorageMB }, at: at(u, 'ephemeralStorageMB'), direction: 'both' });
        continue;
      }
      for (const [i, c] of (u.containers ?? []).entries()) {
        const req = c.resources?.requests ?? {};
        const lim = c.resources?.limits ?? {};
        const where = at(u, `containers.${i}.resources`);
        const data = { container: c.name, name: u.name };
        // The request is what the workload needs to be scheduled; a limit alone is a ceiling it may never reach.
        const mem = req.memory ?? lim.memory; // Kubernetes defaults a missing request to the limit
        if ((memoryMiB(mem) ?? 0) > MAX_MB) ctx.report({ unit: u.name, messageId: 'memory', data: { ...data, value: mem! }, at: where });
        const cpu = req.cpu ?? lim.cpu;
        if ((cpuCores(cpu) ?? 0) > MAX_VCPU) ctx.report({ unit: u.name, messageId: 'cpu', data: { ...data, value: cpu! }, at: where });
        const gpuKey = Object.keys({ ...req, ...lim }).find((k) => /(^|\/)gpu$|nvidia\.com\/|amd\.com\/gpu|gpu\.intel\.com\//.test(k));
        if (gpuKey) ctx.report({ unit: u.name, messageId: 'gpu', data: { ...data, value: gpuKey }, at: where });
        const eph = req['ephemeral-storage'] ?? lim['ephemeral-storage'];
        if ((memoryMiB(eph) ?? 0) > MAX_MB) ctx.report({ unit: u.name, messageId: 'storage', data: { ...data, value: eph! }, at: where });
      }
    }
  },
};
