import type { KindDef } from '../../catalog';
import type { Diagnostic } from '../../model/types';
import type { Component, GatewayPlan } from '../../resolve';
import { onlySelfAuthenticating } from '../../resolve/gateways';
import { HIGH_AVAILABILITY_PERCENT } from '../assumptions';
import type { Index, NodeInfo } from '../context';
import { edgeBool, edgePath, edgesWith, makeDiagnostic, nodePath, nodesWhere, nodeStr } from '../context';
import { listText, num, protocolName, shown } from '../format';
import { API_PROTOCOLS } from '../../catalog';

/** Security and observability: authentication, zones, mTLS, metrics and dashboards. */
export function securityRules(index: Index, out: Diagnostic[]): void {
  requirementsUnderstood(index, out);
  gatewayAuth(index, out);
  zones(index, out);
  mtls(index, out);
  observability(index, out);
}

const EXPOSED = new Set(['internet', 'dmz']);

function zoneText(n: NodeInfo): string {
  if (!n.group) return 'no zone';
  const label = typeof n.group.label === 'string' && n.group.label.trim() ? n.group.label.trim() : n.group.id;
  return `zone ${label}`;
}

// ── Requirements ────────────────────────────────────────────────────────────────────────

/** Availability as a percentage: "99.9%", "99.95", 99.9, "three nines". */
export function parseAvailability(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 && v <= 100 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  const nines = /^(two|three|four|five|six) nines$/.exec(s);
  if (nines) {
    const k = ['two', 'three', 'four', 'five', 'six'].indexOf(nines[1]!) + 2;
    return 100 - 100 * 10 ** -k;
  }
  const m = /^(\d{1,3}(?:\.\d+)?)\s*%?$/.exec(s);
  if (!m) return undefined;
  const p = Number(m[1]);
  return p > 0 && p <= 100 ? p : undefined;
}

function requirementsUnderstood(index: Index, out: Diagnostic[]): void {
  const r = index.doc.requirements ?? {};
  if (r.availability !== undefined && r.availability !== '' && parseAvailability(r.availability) === undefined) {
    out.push(
      makeDiagnostic(
        'TF904',
        `The availability requirement ${shown(r.availability)} isn't understood, so the availability checks are skipped`,
        'Write it as a percentage, e.g. "99.9%".',
        [],
        [],
        'requirements.availability',
      ),
    );
  }
  for (const key of ['latencyP99Ms', 'throughputTps'] as const) {
    const v = r[key];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) continue;
    out.push(
      makeDiagnostic(
        'TF904',
        `The requirement ${key} is ${shown(v)}, not a positive number, so the ${key === 'latencyP99Ms' ? 'latency' : 'throughput'} checks are skipped`,
        key === 'latencyP99Ms' ? 'Write the p99 latency target in milliseconds, e.g. 200.' : 'Write the expected peak load in transactions per second, e.g. 1000.',
        [],
        [],
        `requirements.${key}`,
      ),
    );
  }
}

function wantsMtls(index: Index): string | undefined {
  const sec = index.doc.requirements?.security;
  const list = Array.isArray(sec) ? sec : typeof sec === 'string' ? [sec] : [];
  for (const s of list) if (typeof s === 'string' && /mtls|zero.?trust/i.test(s)) return s;
  return undefined;
}

// ── Gateways ────────────────────────────────────────────────────────────────────────────

function isGatewayKind(k: KindDef): boolean {
  return k.category === 'gateway';
}

function isOwnStore(k: KindDef): boolean {
  return k.category === 'store' && !k.external;
}

function isPrometheus(k: KindDef): boolean {
  return k.roles.includes('metrics-store');
}

function isGrafana(k: KindDef): boolean {
  return k.roles.includes('dashboard');
}

const gatewayLookups = new WeakMap<Index, Map<Component, GatewayPlan>>();

/** The resolved plan of gateway `c` (the first one); the plans are looked up by gateway once per validation. */
function gatewayPlanOf(index: Index, c: Component): GatewayPlan | undefined {
  let byGateway = gatewayLookups.get(index);
  if (!byGateway) {
    byGateway = new Map();
    for (const p of index.resolved.gateways) if (!byGateway.has(p.gateway)) byGateway.set(p.gateway, p);
    gatewayLookups.set(index, byGateway);
  }
  return byGateway.get(c);
}

function gatewayAuth(index: Index, out: Diagnostic[]): void {
  for (let nI = 0, nL = nodesWhere(index, isGatewayKind); nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (n.kind?.category !== 'gateway') continue;
    const auth = nodeStr(n, 'auth');
    const exposedByZone = EXPOSED.has(n.trust);
    // As the stack has it: exposure set by hand, or (unset) a gateway nothing inside calls; the
    // check the gateway makes (unset, the stack enforces a default: API keys, or OIDC with an
    // identity provider), so only a gateway switched off by hand is warned about.
    const c = index.resolved.byId.get(n.id);
    const plan = c ? gatewayPlanOf(index, c) : undefined;
    const checks = plan ? plan.auth : auth;
    if (checks === 'none' && (c?.exposed || exposedByZone) && !(c && onlySelfAuthenticating(c))) {
      out.push(
        makeDiagnostic(
          'TF501',
          `${n.name} faces the internet (${exposedByZone ? `in ${zoneText(n)}, trust ${n.trust}` : nodeStr(n, 'exposure') === 'internet' && n.node.props?.['exposure'] !== undefined ? 'Exposure: internet' : 'nothing inside the stack calls it'}) with no authentication`,
          'Set Authentication to jwt, oidc (with a Keycloak), key-auth or mtls. If it really is internal only, set Exposure to internal and keep it out of internet and DMZ zones.',
          [n.id],
          [],
          nodePath(n, 'props.auth'),
        ),
      );
    }
    if (auth === 'oidc') {
      const isIdp = (k: KindDef | undefined) => k?.roles.includes('identity-provider') === true;
      const wired = n.out.some((e) => isIdp(e.to?.kind)) || n.in.some((e) => isIdp(e.from?.kind));
      if (!wired) {
        out.push(
          makeDiagnostic(
            'TF506',
            `${n.name} authenticates callers with OIDC, but no Keycloak is wired to it`,
            `Add a Keycloak and draw ${n.name} → Keycloak (HTTP); the gateway validates tokens against its realm. Or choose another Authentication.`,
            [n.id],
            [],
            nodePath(n, 'props.auth'),
          ),
        );
      }
    }
  }
}

// ── Zones ───────────────────────────────────────────────────────────────────────────────

function zones(index: Index, out: Diagnostic[]): void {
  for (let nI = 0, nL = nodesWhere(index, isOwnStore); nI < nL.length; nI++) {
    const n = nL[nI]!;
    if (n.kind?.category === 'store' && !n.kind.external && EXPOSED.has(n.trust)) {
      out.push(
        makeDiagnostic(
          'TF508',
          `${n.name} is a data store in ${zoneText(n)} (trust ${n.trust}), which the internet can reach`,
          'Move it to an internal or restricted zone; only gateways and front ends belong where the internet can reach.',
          [n.id],
          [],
          nodePath(n, 'group'),
        ),
      );
    }
  }
  for (let eI = 0, eL = edgesWith(index, API_PROTOCOLS); eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (!e.protocol || !API_PROTOCOLS.has(e.protocol)) continue;
    const src = e.source!;
    const dst = e.sink!;
    if (src.trust !== 'internet' || dst.trust === 'internet' || dst.kind?.category === 'gateway') continue;
    out.push(
      makeDiagnostic(
        'TF507',
        `${src.name} in ${zoneText(src)} (internet) calls ${dst.name} in ${zoneText(dst)} directly, not through a gateway`,
        `Route the call through a gateway (${src.name} → a Kong, NGINX or Envoy → ${dst.name}) that authenticates and rate-limits it.`,
        [src.id, dst.id],
        [e.id],
        edgePath(e),
      ),
    );
  }
}

function mtls(index: Index, out: Diagnostic[]): void {
  const asked = wantsMtls(index);
  if (!asked) return;
  for (let eI = 0, eL = edgesWith(index, API_PROTOCOLS); eI < eL.length; eI++) {
    const e = eL[eI]!;
    if (!e.protocol || !API_PROTOCOLS.has(e.protocol)) continue;
    const src = e.source!;
    const dst = e.sink!;
    if (src.trust === dst.trust) continue;
    if (edgeBool(e, 'mtls')) continue;
    const gatewayMtls = dst.kind?.category === 'gateway' && nodeStr(dst, 'auth') === 'mtls';
    if (gatewayMtls) continue;
    out.push(
      makeDiagnostic(
        'TF502',
        `${src.name} in ${zoneText(src)} (${src.trust}) calls ${dst.name} in ${zoneText(dst)} (${dst.trust}) over plain ${protocolName(e.protocol)}, but the security requirements ask for ${shown(asked)}`,
        `Turn on mTLS on this connection${dst.kind?.category === 'gateway' ? `, or set Authentication of ${dst.name} to mtls` : ''}; calls that cross a trust boundary must authenticate both ends.`,
        [src.id, dst.id],
        [e.id],
        edgePath(e, 'props.mtls'),
      ),
    );
  }
}

// ── Observability ───────────────────────────────────────────────────────────────────────

function observability(index: Index, out: Diagnostic[]): void {
  const availability = parseAvailability(index.doc.requirements?.availability);
  if (availability === undefined || availability < HIGH_AVAILABILITY_PERCENT) return;
  const asked = `${formatPercent(availability)} availability`;
  const proms = nodesWhere(index, isPrometheus);
  const grafanas = nodesWhere(index, isGrafana);

  if (proms.length === 0) {
    out.push(
      makeDiagnostic(
        'TF503',
        `The design asks for ${asked}, but nothing collects metrics: there is no Prometheus`,
        'Add a Prometheus and connect the services and brokers to it with metrics connections, so alerts fire before users notice.',
        [],
        [],
        'requirements.availability',
      ),
    );
  } else {
    const scraped = proms.some((p) => p.flowIn.some((e) => e.protocol === 'metrics' && !e.source!.kind?.roles.includes('metrics-store')));
    if (!scraped) {
      out.push(
        makeDiagnostic(
          'TF503',
          `The design asks for ${asked}, but ${listText(proms.map((p) => p.name))} scrape${proms.length === 1 ? 's' : ''} nothing`,
          'Connect the services and brokers to Prometheus with metrics connections (either direction); only connected components are scraped.',
          proms.map((p) => p.id),
          [],
          nodePath(proms[0]!),
        ),
      );
    }
  }

  if (grafanas.length === 0) {
    out.push(
      makeDiagnostic(
        'TF504',
        `The design asks for ${asked}, but has no dashboards: there is no Grafana`,
        'Add a Grafana and connect it to Prometheus; the starter stack provisions a dashboard of throughput, latency, errors and consumer lag.',
        [],
        [],
        'requirements.availability',
      ),
    );
  } else {
    const sourced = grafanas.some((g) => g.flowIn.some((e) => e.protocol === 'metrics') || g.flowOut.some((e) => e.protocol === 'metrics'));
    if (!sourced && proms.length > 0) {
      out.push(
        makeDiagnostic(
          'TF504',
          `The design asks for ${asked}, but ${listText(grafanas.map((g) => g.name))} has no data source`,
          `Connect ${grafanas[0]!.name} to ${proms[0]!.name} (either direction) so its dashboards show the metrics.`,
          grafanas.map((g) => g.id),
          [],
          nodePath(grafanas[0]!),
        ),
      );
    }
  }
}

function formatPercent(p: number): string {
  const s = p.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return `${s.includes('.') ? s : num(p)}%`;
}
