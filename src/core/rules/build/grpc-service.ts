// A rule of the workspace join (src/core/join): it needs a workload, its build context and the .proto files there,
// which no single file has. The join reports it with this metadata.
import type { RuleMeta } from '../types';

/** `.proto` service definitions in a workload's build context: a gRPC server is its interface. */
export const grpcService: RuleMeta = {
  id: 'build/grpc-service',
  category: 'listening-server',
  severity: 'error',
  direction: 'to-lambda',
  docs: {
    description:
      'A workload whose build context defines the gRPC service it serves (a `.proto` file) is a gRPC server: Lambda accepts no inbound connections and its front doors do not carry gRPC.',
    reference: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
  },
  messages: {
    service:
      '{name} serves gRPC service {service}, defined here and built into its image from {context}: a gRPC server needs long-lived HTTP/2 connections that Lambda does not accept. Keep it on Kubernetes, or put an HTTP/JSON gateway in front (grpc-gateway, Envoy transcoding) and move unary calls only.',
    streaming:
      '{name} serves gRPC service {service} with streaming RPCs, defined here and built into its image from {context}: a streaming gRPC server cannot run on Lambda, which takes no inbound connections and ends each invocation at its timeout. Keep it on Kubernetes.',
  },
};
