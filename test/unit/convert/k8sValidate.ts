// Validates generated objects against the Kubernetes / KEDA JSON schemas shipped with kubernetes-models.
import { ScaledJob, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { ConfigMap, PersistentVolume, PersistentVolumeClaim, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';

const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  'v1/ServiceAccount': ServiceAccount as never,
  'v1/ConfigMap': ConfigMap as never,
  'v1/Secret': Secret as never,
  'v1/Service': Service as never,
  'v1/PersistentVolume': PersistentVolume as never,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim as never,
  'batch/v1/Job': Job as never,
  'batch/v1/CronJob': CronJob as never,
  'apps/v1/Deployment': Deployment as never,
  'networking.k8s.io/v1/Ingress': Ingress as never,
  'keda.sh/v1alpha1/ScaledJob': ScaledJob as never,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication as never,
};

/** Throws with the schema error when an object does not validate (or has a kind we did not expect to generate). */
export function validateObject(obj: Record<string, unknown>): void {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const Model = MODELS[key];
  if (!Model) throw new Error(`no schema model for ${key}`);
  new Model(structuredClone(obj) as never).validate();
}
