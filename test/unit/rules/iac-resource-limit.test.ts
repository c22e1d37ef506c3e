import { resourceLimit } from '../../../src/core/rules/iac/resource-limit';
import { container, deployment, samFunction } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const sls = (provider: string, fns: string) => `service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\n${provider}functions:\n${fns}`;
const withResources = (res: string) => deployment(container('app', `          resources:\n${res}`));

ruleTester(resourceLimit, {
  defaultFile: 'k8s/app.yaml',
  valid: [
    {
      name: 'images that merely mention CUDA or NVIDIA, and a GPU server on a sidecar',
      code: [
        deployment('        - name: a\n          image: acme/cuda-tools:1\n'),
        deployment('        - name: b\n          image: ghcr.io/nvidia/k8s-docs:2\n'),
        deployment(container('app') + '        - name: llm\n          image: vllm/vllm-openai:v0.19.1\n'),
      ].join('\n---\n'),
    },
    { name: 'modest requests', code: withResources('            requests: { cpu: 500m, memory: 1Gi }\n') },
    {
      name: 'resources that only look like accelerators (a TPU-named custom resource, hugepages)',
      code: withResources('            limits: { example.com/tpu-quota: 1, hugepages-2Mi: 100Mi }\n'),
    },
    { name: 'exactly 10240 Mi', code: withResources('            requests: { memory: 10240Mi }\n') },
    { name: '6 CPUs', code: withResources('            requests: { cpu: "6" }\n') },
    { name: 'request under, limit over (request wins)', code: withResources('            requests: { memory: 2Gi }\n            limits: { memory: 16Gi }\n') },
    { name: '10Gi ephemeral storage', code: withResources('            requests: { ephemeral-storage: 10Gi }\n') },
    { name: 'SAM memory 10240', file: 'template.yaml', code: samFunction('      MemorySize: 10240\n') },
    { name: 'SAM ephemeral 512', file: 'template.yaml', code: samFunction('      EphemeralStorage:\n        Size: 512\n') },
    {
      name: 'serverless provider memory in range, one function overriding in range',
      file: 'serverless.yml',
      code: sls('  memorySize: 2048\n', '  a:\n    handler: a.h\n  b:\n    handler: b.h\n    memorySize: 128\n'),
    },
    {
      name: 'storage request on a PVC is not a container',
      code: 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: d\nspec:\n  resources: { requests: { storage: 500Gi } }\n',
    },
  ],
  invalid: [
    {
      name: 'GPU-only images with no GPU requested: vLLM, an NVIDIA CUDA image',
      code: [
        deployment('        - name: server\n          image: vllm/vllm-openai:v0.19.1\n'),
        deployment('        - name: train\n          image: nvcr.io/nvidia/pytorch:25.02-py3\n'),
      ].join('\n---\n'),
      errors: [
        { line: 13, message: 'runs vLLM, a GPU inference server (image vllm/vllm-openai:v0.19.1)', severity: 'error' },
        { line: 28, message: 'runs an NVIDIA CUDA image (image nvcr.io/nvidia/pytorch:25.02-py3)', severity: 'error' },
      ],
    },
    {
      name: 'a GPU server that requests its GPU is told once, by the request',
      code: deployment(
        '        - name: server\n          image: vllm/vllm-openai:v0.19.1\n          resources:\n            limits:\n              nvidia.com/gpu: 1\n',
      ),
      errors: [{ line: 15, message: 'requests a GPU (nvidia.com/gpu)', severity: 'error' }],
    },
    {
      name: '16Gi memory',
      code: withResources('            requests: { cpu: "2", memory: 16Gi }\n'),
      errors: [{ line: 15, column: 13, message: '16Gi of memory' }],
    },
    { name: 'limit only (request defaults to it)', code: withResources('            limits: { memory: 12Gi }\n'), errors: [{ line: 15, message: '12Gi' }] },
    { name: '8 CPUs', code: withResources('            requests: { cpu: "8" }\n'), errors: [{ line: 15, message: '8 CPU' }] },
    { name: '7000m CPU', code: withResources('            requests: { cpu: 7000m }\n'), errors: [{ line: 15, message: '7000m' }] },
    { name: 'GPU limit', code: withResources('            limits: { nvidia.com/gpu: 1 }\n'), errors: [{ line: 15, message: 'nvidia.com/gpu' }] },
    {
      name: 'Cloud TPUs requested',
      code: withResources('            requests: { google.com/tpu: 8 }\n            limits: { google.com/tpu: 8 }\n'),
      errors: [{ line: 15, message: 'requests Cloud TPUs (google.com/tpu), and Lambda has no accelerators', severity: 'error' }],
    },
    {
      name: 'Inferentia / Trainium (Neuron) cores',
      code: withResources('            limits: { aws.amazon.com/neuroncore: 2 }\n'),
      errors: [{ line: 15, message: 'AWS Inferentia or Trainium (Neuron) devices (aws.amazon.com/neuroncore)' }],
    },
    {
      name: '20Gi ephemeral storage',
      code: withResources('            requests: { ephemeral-storage: 20Gi }\n'),
      errors: [{ line: 15, message: 'ephemeral storage' }],
    },
    {
      name: 'SAM memory above range',
      file: 'template.yaml',
      code: samFunction('      MemorySize: 16384\n'),
      errors: [{ line: 8, column: 19, message: '16384 MB' }],
    },
    {
      name: 'serverless provider memory shared by two functions: one finding naming both, at the provider line',
      file: 'serverless.yml',
      code: sls('  memorySize: 20000\n', '  a:\n    handler: a.h\n  b:\n    handler: b.h\n  c:\n    handler: c.h\n    memorySize: 1024\n'),
      errors: [{ line: 5, column: 15, message: '20000 MB of memory, for the 2 functions set here (a and b), is outside', units: ['a', 'b'] }],
    },
    {
      name: 'SAM Globals /tmp shared, one function with its own out-of-range value',
      file: 'template.yaml',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    EphemeralStorage:\n      Size: 20480\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: b.h\n  C:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: c.h\n      EphemeralStorage:\n        Size: 256\n",
      errors: [
        { line: 6, message: 'for the 2 functions set here (A and B)' },
        { line: 21, message: 'Function C sets 256 MB of ephemeral storage' },
      ],
    },
    {
      name: 'Terraform /tmp below range',
      file: 'main.tf',
      code: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  ephemeral_storage {\n    size = 256\n  }\n}\n',
      errors: [{ line: 4, column: 12, message: '256 MB of ephemeral storage' }],
    },
  ],
});
