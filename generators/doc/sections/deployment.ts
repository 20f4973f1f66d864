import type { Section } from '../answer';
import { fact, open } from '../answer';
import { plural, svcs, uniq } from '../context';
import { andList, md } from '../markdown';

const KIND_WORDS: Record<string, string> = { 'target-down': 'target down', 'error-rate': 'error rate', 'latency-p95': 'p95 latency', 'latency-p99': 'p99 latency', 'consumer-lag': 'consumer lag', 'queue-backlog': 'queue backlog', 'dead-letters': 'dead letters' };

/** Deployment and Operations: the stack's configuration is a fact; release practice is a decision. */

export const deployment: Section = {
  title: 'Deployment and Operations',
  fields: {
    INTEGRATION_DEPLOYMENT_STRATEGY: (c) => {
      const scaled = c.r.components.filter((x) => typeof x.props.replicas === 'number' && x.props.replicas > 1);
      return open(scaled.length ? `${svcs(scaled)} run${scaled.length === 1 ? 's' : ''} several replicas, which allows rolling updates, but no strategy is chosen` : 'no deployment strategy is chosen', { value: scaled.length ? 'rolling updates' : 'blue-green', because: scaled.length ? 'the replicas let one instance update at a time' : 'one instance per service: switch traffic at once' });
    },

    INTEGRATION_CICD_PIPELINE: () => open('the CI/CD platform is not part of the drawing', { value: 'GitHub Actions', because: 'run `topoforge generate` there to keep the configs in step with the design file' }),

    INTEGRATION_CONFIG_MANAGEMENT: (c) => {
      const withCreds = c.containers().filter((x) => Object.values(x.credentials).some((y) => y.secret));
      const vault = c.withRole('secrets');
      return fact(`starter configs generated per component under \`config/<node-id>/\`${withCreds.length ? `; the credentials of ${svcs(withCreds, 8)} as variables in \`.env\` (listed in \`.env.example\`)` : ''}${vault.length ? `; secrets in ${svcs(vault)}` : ''}`, { short: 'generated configs + .env' });
    },

    INTEGRATION_ENVIRONMENT_MANAGEMENT: () => open('environments beyond the local stack are not drawn', { value: 'Kubernetes', because: 'the same design can generate Kubernetes manifests' }),

    INTEGRATION_VERSION_CONTROL: () => open('how the design and its code are versioned is not drawn', { value: 'Git', because: 'keep the *.topo.yaml file next to the code and review its diffs' }),

    INTEGRATION_RELEASE_MANAGEMENT: () => open('the release process is not part of the drawing', { value: 'automated releases', because: 'the bundle is generated, so releases can be too' }),

    INTEGRATION_ROLLBACK_PROCEDURES: () => open('rollback is not part of the drawing', { value: 'automated rollback', because: 'pin image tags so the previous one can be redeployed' }),

    OPERATIONAL_PROCEDURES: (c) => {
      const dead = c.deadLetters();
      const alerts = c.r.observability.alerts;
      const runbooks: string[] = [];
      if (dead.length) runbooks.push(`replaying ${plural(dead.length, 'dead-letter channel')} (${andList(dead.map((d) => md(d.name, 60)), 4)})`);
      if (alerts.length) runbooks.push(`one per alert rule (${plural(alerts.length, 'rule')}: ${andList(uniq(alerts.map((a) => a.kind)).map((k) => KIND_WORDS[k] ?? k))})`);
      if (c.flows('cdc').length) runbooks.push('restarting a CDC connector and re-snapshotting');
      return runbooks.length ? fact(`runbooks needed: ${andList(runbooks)}`, { short: 'runbooks per alert and dead-letter channel' }) : open('no alerts or dead letters call for runbooks yet', { value: 'incident response', because: 'write the first runbook with the first alert' });
    },

    SUPPORT_MODEL: (c) => open('the support model is an organisational decision', { value: 'L1/L2/L3 support', because: c.reqText('stakeholders') ? `agree it with ${md(c.reqText('stakeholders'), 120)}` : 'agree it with the teams involved' }),

    INTEGRATION_DOCUMENTATION: (c) => {
      const files = ['this document', 'diagram.mmd'];
      if (c.r.gateways.some((p) => p.routes.length)) files.push('openapi.yaml');
      if (c.plans().length) files.push('asyncapi.yaml');
      files.push('the stack’s README.md');
      return fact(`${andList(files)}, all generated from the design file`, { short: 'generated docs and diagrams' });
    },
  },
};
