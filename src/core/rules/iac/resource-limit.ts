import { imageBase, imageRepo } from '../../model/images';
import type { ModelRule } from '../types';
import { at, sharedSettings, unitList, cpuCores, memoryMiB } from './util';

/** Lambda: memory 128–10,240 MB, /tmp 512–10,240 MB, at most 6 vCPU (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
const MAX_MB = 10240;
const MAX_VCPU = 6;

/** Extended resources of other accelerators (device plugins), and what they are. */
const ACCELERATORS: [RegExp, string][] = [
  [/^google\.com\/tpu$/, 'Cloud TPUs'],
  [/^aws\.amazon\.com\/neuron(?:core|device)?$/, 'AWS Inferentia or Trainium (Neuron) devices'],
  [/^habana\.ai\/gaudi$/, 'Intel Gaudi accelerators'],
  [/^xilinx\.com\/fpga/, 'FPGAs'],
];

/** Images built to run on GPUs: LLM inference servers, and NVIDIA's CUDA images. */
function gpuImageOf(image: string | undefined): string | undefined {
  if (!image || image.includes('{{')) return undefined;
  const repo = imageRepo(image);
  const base = imageBase(image);
  const known = GPU_SERVERS[base];
  if (known) return known;
  if (/^nvcr\.io\/nvidia\//.test(repo) || /(^|\/)nvidia\/cuda$/.test(repo)) return 'an NVIDIA CUDA image';
  return undefined;
}

const GPU_SERVERS: Record<string, string> = {
  'vllm-openai': 'vLLM, a GPU inference server',
  vllm: 'vLLM, a GPU inference server',
  'text-generation-inference': 'Text Generation Inference, a GPU inference server',
  tritonserver: 'Triton Inference Server',
  sglang: 'SGLang, a GPU inference server',
};

export const resourceLimit: ModelRule = {
  language: 'model',
  meta: {
    id: 'iac/resource-limit',
    category: 'resource-limit',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description:
        'Resources a Lambda function cannot have: over 10,240 MB memory or /tmp, over 6 vCPU, any GPU; or Lambda memory and /tmp settings out of range.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html',
    },
    messages: {
      memory:
        "Container {container} of {name} asks for {value} of memory, more than Lambda's 10,240 MB maximum. Reduce its working set (stream instead of loading) or keep it on Kubernetes.",
      cpu: 'Container {container} of {name} asks for {value} CPU, more than the 6 vCPU a Lambda function gets at most. Parallelise across invocations or keep it on Kubernetes.',
      gpu: 'Container {container} of {name} requests a GPU ({value}), and Lambda has no GPUs. Keep this workload on Kubernetes (or a GPU service) and move only its CPU parts.',
      accelerator:
        'Container {container} of {name} requests {what} ({value}), and Lambda has no accelerators. Keep this workload on Kubernetes (or a service that offers them) and move only its CPU parts.',
      gpuImage:
        'Container {container} of {name} runs {what} (image {value}), which is built to run on GPUs, and Lambda has no GPUs. Keep this workload on Kubernetes (or a GPU service such as SageMaker, or Bedrock for hosted models) and move only its CPU parts.',
      storage:
        "Container {container} of {name} asks for {value} of ephemeral storage, more than Lambda's 10,240 MB /tmp. Stream data through S3 instead of local disk, or keep it on Kubernetes.",
      lambdaMemory: "Function {name} sets {value} MB of memory, outside Lambda's 128–10,240 MB range, so the deployment is rejected. Use a value in range.",
      lambdaTmp:
        "Function {name} sets {value} MB of ephemeral storage, outside Lambda's 512–10,240 MB range, so the deployment is rejected. Use a value in range.",
      lambdaMemoryShared:
        "{value} MB of memory, for {functions}, is outside Lambda's 128–10,240 MB range, so their deployment is rejected. Use a value in range.",
      lambdaTmpShared:
        "{value} MB of ephemeral storage, for {functions}, is outside Lambda's 512–10,240 MB range, so their deployment is rejected. Use a value in range.",
    },
  },
  check(ctx) {
    // Lambda sizes out of range: one finding per place the value is written (a provider default or SAM Globals set
    // for several functions is one thing to fix).
    const functions = ctx.units.filter((u) => u.kind === 'lambda-function');
    const sizes = [
      { field: 'memoryMB', min: 128, one: 'lambdaMemory', shared: 'lambdaMemoryShared' },
      { field: 'ephemeralStorageMB', min: 512, one: 'lambdaTmp', shared: 'lambdaTmpShared' },
    ] as const;
    for (const { field, min, one, shared } of sizes) {
      for (const group of sharedSettings(
        functions.filter((u) => u[field] !== undefined),
        field,
      )) {
        const u = group[0];
        const value = u[field]!;
        if (value >= min && value <= MAX_MB) continue;
        const names = group.map((g) => g.name);
        if (group.length > 1)
          ctx.report({
            unit: u.name,
            units: names,
            messageId: shared,
            data: { functions: unitList('function', names), value },
            at: at(u, field),
            direction: 'both',
          });
        else ctx.report({ unit: u.name, messageId: one, data: { name: u.name, value }, at: at(u, field), direction: 'both' });
      }
    }
    for (const u of ctx.units) {
      if (u.kind === 'lambda-function') continue;
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
        const acceleratorKey = gpuKey ? undefined : Object.keys({ ...req, ...lim }).find((k) => ACCELERATORS.some(([re]) => re.test(k)));
        if (acceleratorKey) {
          const what = ACCELERATORS.find(([re]) => re.test(acceleratorKey))![1];
          ctx.report({ unit: u.name, messageId: 'accelerator', data: { ...data, what, value: acceleratorKey }, at: where });
        }
        // No GPU requested here (a chart's values or a node pool may give it), but the main image only runs on one.
        const gpuImage = !gpuKey && i === 0 ? gpuImageOf(c.image) : undefined;
        if (gpuImage)
          ctx.report({ unit: u.name, messageId: 'gpuImage', data: { ...data, what: gpuImage, value: c.image! }, at: at(u, `containers.${i}.image`) });
        const eph = req['ephemeral-storage'] ?? lim['ephemeral-storage'];
        if ((memoryMiB(eph) ?? 0) > MAX_MB) ctx.report({ unit: u.name, messageId: 'storage', data: { ...data, value: eph! }, at: where });
      }
    }
  },
};
