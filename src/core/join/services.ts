// A workload's Service (and the Ingress in front of it) is often written in a file of its own: a chart's
// templates/service.yaml, a Kustomize base's service.yaml beside deployment.yaml. The manifest reader matches Services
// to the workloads of the same file; this matches those of the other files of the workload's folder.
import { routesTo, selects, serviceEvents } from '../model/kubernetes';
import { dirOf } from '../relpath';
import type { ChartData } from '../helmTemplate';
import { writtenByDefault } from './helm';
import type { FileAnalysis, K8sRoute, K8sService, Unit, UnitEvent } from '../types';

interface Described {
  file: string;
  services: readonly K8sService[];
  routes: readonly K8sRoute[];
}

/**
 * Gives each workload the HTTP events of the Services in other files of its folder that select its pods (the same
 * namespace where both name one), with the Ingress routes of that folder to them. Returns the workloads that gained an
 * event: rules that judged them without it judge them again.
 */
export function linkServices(units: readonly Unit[], analyses: readonly FileAnalysis[], charts: Map<string, ChartData> = new Map()): Unit[] {
  const byFolder = new Map<string, Described[]>();
  for (const a of analyses) {
    const services = a.facts?.k8sServices ?? [];
    const routes = a.facts?.k8sRoutes ?? [];
    if (!services.length && !routes.length) continue;
    const folder = dirOf(a.file);
    const list = byFolder.get(folder);
    const d = { file: a.file, services, routes };
    if (list) list.push(d);
    else byFolder.set(folder, [d]);
  }
  const changed: Unit[] = [];
  for (const u of units) {
    if (u.kind !== 'k8s-workload') continue;
    const here = byFolder.get(dirOf(u.file));
    if (!here) continue;
    const routes = here.flatMap((d) => d.routes);
    const before = u.events.length;
    for (const d of here) {
      for (const s of d.services) {
        if (s.namespace && u.namespace && s.namespace !== u.namespace) continue;
        // A chart's Service its defaults do not write routes nothing.
        if (!writtenByDefault(d.file, s.when, charts)) continue;
        if (!selects(s, u) || !routesTo(s, u)) continue;
        // A Service of the workload's own file is matched already; its Ingress may still be written elsewhere.
        for (const e of serviceEvents(s, routes)) if (!u.events.some((x) => sameTrigger(x, e))) u.events.push(e);
      }
    }
    if (u.events.length > before) changed.push(u);
  }
  return changed;
}

function sameTrigger(a: UnitEvent, b: UnitEvent): boolean {
  return a.type === b.type && a.detail === b.detail;
}
