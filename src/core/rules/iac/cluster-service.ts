// A rule of the workspace join (src/core/join/clusterCalls.ts): whether a workload calls another by its cluster DNS
// name depends on the Services of the whole workspace, which no single manifest has.
import type { RuleMeta } from '../types';

/** A workload that reaches other Services of the cluster by name: from a Lambda function those names do not resolve. */
export const clusterService: RuleMeta = {
  id: 'iac/cluster-service',
  category: 'runtime-coupling',
  severity: 'warning',
  direction: 'to-lambda',
  docs: {
    description:
      'A workload configured to call other Services by their cluster DNS names (`orders:8080`, `http://cart`, `redis.shop.svc.cluster.local`): a Lambda function runs outside the cluster, where those names do not resolve and ClusterIP Services cannot be reached.',
    reference: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/',
  },
  messages: {
    calls:
      '{name} is configured to reach {targets} by cluster DNS name ({where}); a Lambda function runs outside the cluster, where these names do not resolve and ClusterIP Services are unreachable. Expose each through an internal load balancer or Ingress and attach the function to the cluster VPC (or move them to managed services), then set the new addresses.',
    code: "{name}'s code connects to {targets} by cluster DNS name ({where}); a Lambda function runs outside the cluster, where these names do not resolve and ClusterIP Services are unreachable. Expose each through an internal load balancer or Ingress and attach the function to the cluster VPC (or move them to managed services), then read the new addresses from the function's environment.",
  },
};
