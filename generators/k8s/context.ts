import type { Component, Flow, ResolvedDesign, ScrapeTarget } from '../../shared/resolve';
import { dnsName } from '../../shared/resolve';
import type { EnvEntry, K8sFacet, K8sObject, SecretRef } from './types';

/**
 * What the Kubernetes generator collects while each kind's facet adds its objects: the objects
 * per component (one file each), the Secrets kustomize generates from env files, the Services
 * (with the pod port behind each service port, for the NetworkPolicies), and the extra traffic
 * operators and entry points need.
 */

export interface SecretKey {
  /** Comment in the env file's example. */
  readonly comment: string;
  /** Value in the example file (secrets get a placeholder). */
  readonly example: string;
  readonly secret: boolean;
}

export interface SecretSpec {
  readonly name: string;
  readonly owner: Component;
  /** `kubernetes.io/basic-auth` for operators that want `username` and `password` keys. */
  readonly type?: string;
  readonly keys: Map<string, SecretKey>;
}

export interface ServicePort {
  readonly name: string;
  readonly port: number;
  /** The container port behind it (a number: NetworkPolicies name pod ports). */
  readonly targetPort: number;
}

export interface ServiceInfo {
  readonly name: string;
  readonly component: Component;
  readonly ports: readonly ServicePort[];
  /** Written by the generator (false: made by an operator from its custom resource). */
  readonly emitted: boolean;
}

/** Traffic a component needs beyond its drawn connections. */
export interface ExtraTraffic {
  /** Pods of the component talk to each other (clustered brokers and databases). */
  self: boolean;
  /** Reaches the Kubernetes API (operator-managed pods). */
  apiServer: boolean;
  /** Namespaces of operators or controllers that manage its pods: ingress from and egress to them, on these ports (empty: any). */
  operators: Array<{ namespace: string; ports: number[] }>;
  /** Reached from outside the cluster on these pod ports (entry points). */
  exposed: number[];
}

export const SECRET_PLACEHOLDER = 'change-me';

/** The object the `prod` overlay scales for a component, and the field that holds its size. */
export interface ScaleTarget {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** JSON pointer of its replica count (`/spec/replicas`, CloudNativePG's `/spec/instances`). */
  readonly path: string;
  /** Its operator makes no PodDisruptionBudget of its own: the overlay adds one. */
  readonly pdb: boolean;
  /** More patches when it has more than one member (replication settings, its topics). */
  readonly more?: (members: number) => PatchSpec[];
}

/** A JSON 6902 patch of the `prod` overlay: its target (by kind and name or label) and operations. */
export interface PatchSpec {
  readonly target: { readonly group?: string; readonly version: string; readonly kind: string; readonly name?: string; readonly labelSelector?: string };
  readonly ops: ReadonlyArray<{ readonly op: 'add' | 'replace'; readonly path: string; readonly value: unknown }>;
}

/** `s` cut to `room` characters, without the dashes and dots it then ends with. */
function cut(s: string, room: number): string {
  const t = s.slice(0, room);
  let e = t.length;
  while (e > 0 && (t.charCodeAt(e - 1) === 45 /* - */ || t.charCodeAt(e - 1) === 46) /* . */) e--;
  return e === t.length ? t : t.slice(0, e);
}

export class K8sContext {
  readonly resolved: ResolvedDesign;
  /** Name of the application: the design's name as a DNS label. */
  readonly app: string;
  readonly objects = new Map<Component, K8sObject[]>();
  readonly secrets = new Map<string, SecretSpec>();
  readonly services = new Map<string, ServiceInfo>();
  readonly traffic = new Map<Component, ExtraTraffic>();
  /** What the `prod` overlay scales, per component. */
  readonly scaling = new Map<Component, ScaleTarget>();
  /** Sentences for the README: what was assumed, left out or needs a hand. */
  readonly notes: string[] = [];
  /** Services you build that run the stand-in (no image set), for the README. */
  readonly standIns: Component[] = [];
  /** Objects of no one component that several use (the stand-in program), in `base/shared.yaml`. */
  readonly shared: K8sObject[] = [];
  private readonly names = new Map<string, Map<string, string>>();
  private readonly taken = new Map<string, Set<string>>();
  /** Per kind and base, the next number to try for a base name already taken (see `name`). */
  private readonly nextSuffix = new Map<string, number>();

  private readonly facetOf: (c: Component) => K8sFacet;

  constructor(resolved: ResolvedDesign, facetOf: (c: Component) => K8sFacet) {
    this.resolved = resolved;
    this.facetOf = facetOf;
    this.app = dnsName(typeof resolved.doc.name === 'string' ? resolved.doc.name : '') || 'topoforge';
  }

  /** The Kubernetes facet of a component's kind. */
  facet(c: Component): K8sFacet {
    return this.facetOf(c);
  }

  add(c: Component, obj: K8sObject): K8sObject {
    const list = this.objects.get(c);
    if (list) list.push(obj);
    else this.objects.set(c, [obj]);
    return obj;
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /**
   * A name for an object of `kind`, unique among that kind, derived from `base` (cut to `max`
   * characters); the same `key` always gets the same name, whoever asks first.
   */
  name(kind: string, key: string, base: string, max = 63): string {
    let byKey = this.names.get(kind);
    if (!byKey) this.names.set(kind, (byKey = new Map()));
    const known = byKey.get(key);
    if (known) return known;
    let taken = this.taken.get(kind);
    if (!taken) this.taken.set(kind, (taken = new Set()));
    let name = cut(base, max);
    if (taken.has(name)) {
      // Numbered from where the last clash of this base stopped (a base many ask for, such as a
      // Kafka node pool's, would otherwise try every number before it: quadratic at 10k).
      const from = `${kind}\0${max}\0${base}`;
      let i = this.nextSuffix.get(from) ?? 2;
      while (taken.has((name = `${cut(base, max - String(i).length - 1)}-${i}`))) i++;
      this.nextSuffix.set(from, i + 1);
    }
    taken.add(name);
    byKey.set(key, name);
    return name;
  }

  extra(c: Component): ExtraTraffic {
    let t = this.traffic.get(c);
    if (!t) this.traffic.set(c, (t = { self: false, apiServer: false, operators: [], exposed: [] }));
    return t;
  }

  /** Registers a Service (`emitted: false` for one an operator makes), for clients and NetworkPolicies. */
  registerService(info: ServiceInfo): void {
    this.services.set(info.name, info);
  }

  /** A key of a generated Secret (created on first use; the env file declares it). */
  secretKey(owner: Component, secret: string, key: string, what: SecretKey, type?: string): SecretRef {
    let s = this.secrets.get(secret);
    if (!s) this.secrets.set(secret, (s = { name: secret, owner, ...(type ? { type } : {}), keys: new Map() }));
    if (!s.keys.has(key)) s.keys.set(key, what);
    return { name: secret, key };
  }

  /** Per component, the name of its credentials Secret (asked for every credential a client reads). */
  private readonly credentialsSecrets = new Map<Component, string>();

  /** The Secret of a component's own credentials. */
  credentialsSecret(c: Component): string {
    let s = this.credentialsSecrets.get(c);
    if (s === undefined) this.credentialsSecrets.set(c, (s = this.name('Secret', `${c.id}/credentials`, `${c.service}-credentials`, 253)));
    return s;
  }

  /**
   * Where credential `key` of component `c` (a key of its catalog `credentials`) is kept: the
   * kind's own answer (an operator's Secret), else its `<service>-credentials` Secret under the
   * model's variable name (the same name as in the compose stack's `.env`).
   */
  credential(c: Component, key: string): SecretRef {
    const own = this.facet(c).credential?.(this, c, key);
    if (own) return own;
    const cred = c.credentials[key];
    const variable = cred?.variable ?? `${c.envPrefix}_${key}`;
    return this.secretKey(c, this.credentialsSecret(c), variable, {
      comment: cred?.comment ?? `${key} of ${c.service}`,
      example: cred ? (cred.secret ? SECRET_PLACEHOLDER : cred.example) : SECRET_PLACEHOLDER,
      secret: cred?.secret ?? true,
    });
  }

  /** A Secret key of a component that is not one of its catalog credentials (e.g. an external system's API key). */
  ownSecret(c: Component, key: string, comment: string, example = SECRET_PLACEHOLDER, secret = true): SecretRef {
    return this.secretKey(c, this.credentialsSecret(c), `${c.envPrefix}_${key}`, { comment, example, secret });
  }

  /**
   * The environment `c` gets for everything it connects to: from the facet of each server it
   * opens a connection to, in design order (the first value of a name wins).
   */
  clientEnv(c: Component): EnvEntry[] {
    const out: EnvEntry[] = [];
    const seen = new Set<string>();
    for (const f of c.at) {
      if (f.client !== c || !f.server || f.server === c) continue;
      const facet = this.facet(f.server).clientEnv;
      if (!facet) continue;
      for (const e of facet(this, f.server, f, c)) {
        if (seen.has(e.name)) continue;
        seen.add(e.name);
        out.push(e);
      }
    }
    return out;
  }

  private exporterScrapes: Map<Component, ScrapeTarget> | undefined;

  /** The scrape of `c` through its exporter, if Prometheus scrapes it so (indexed once). */
  exporterScrape(c: Component): ScrapeTarget | undefined {
    if (!this.exporterScrapes) {
      this.exporterScrapes = new Map();
      for (const s of this.resolved.observability.scrapes) if (s.via === 'exporter' && !this.exporterScrapes.has(s.target)) this.exporterScrapes.set(s.target, s);
    }
    return this.exporterScrapes.get(c);
  }

  /** Flows where `c` is the client and the server is another component. */
  clientFlows(c: Component): Flow[] {
    return c.at.filter((f) => f.client === c && f.server !== undefined && f.server !== c);
  }
}
