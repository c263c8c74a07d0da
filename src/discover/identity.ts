/**
 * identity: which Application is which. Argo CD identifies an Application by namespace and name (the
 * namespace is `metadata.namespace`, or Argo CD's own namespace when absent). A GitOps repo often holds one
 * copy per cluster (`argocd-apps/<cluster>/web.yaml`), each applied to its own cluster: those are different
 * Applications to us, told apart by file.
 */
import { CONTROLLER_NAMESPACE } from '../resolve/targets.js';
import type { Application } from './types.js';

/** DEFAULT_NAMESPACE is the namespace of an Application without `metadata.namespace` (Argo CD's namespace). */
export const DEFAULT_NAMESPACE = CONTROLLER_NAMESPACE;

/** namespaceOf is the namespace Argo CD places the Application in. */
export function namespaceOf(app: Pick<Application, 'namespace'>): string {
  return app.namespace ?? DEFAULT_NAMESPACE;
}

/** appKey is Argo CD's identity of an Application: `namespace/name`. */
export function appKey(app: Pick<Application, 'namespace' | 'name'>): string {
  return `${namespaceOf(app)}/${app.name}`;
}

/**
 * labelApplications gives each Application its report label, unique among `apps`: the bare name when no other
 * Application has it; `namespace/name` when the name lives in several namespaces; and ` (file)` appended when
 * one namespace/name is declared in several files (` (file:line)` when a file holds it twice).
 */
export function labelApplications(apps: readonly Application[]): Application[] {
  const byName = groupBy(apps, (app) => app.name);
  const byKey = groupBy(apps, appKey);
  return apps.map((app) => {
    const namespaces = new Set(byName.get(app.name)!.map(namespaceOf));
    const base = namespaces.size > 1 ? appKey(app) : app.name;
    const copies = byKey.get(appKey(app))!;
    if (copies.length === 1) return { ...app, label: base };
    const sameFile = copies.filter((other) => other.file === app.file).length > 1;
    return { ...app, label: `${base} (${sameFile ? `${app.file}:${app.line}` : app.file})` };
  });
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(keyOf(item), [...(out.get(keyOf(item)) ?? []), item]);
  return out;
}
