import type { Resolver } from '../context';
import { filled, num, open, plural } from '../context';
import { deadLetters, scrapes } from '../facts';
import { andList, code, md } from '../markdown';

/** Deployment and Operations. */

export const deployment: Record<string, Resolver> = {
  INTEGRATION_DEPLOYMENT_STRATEGY: (c) => {
    const scaled = c.nodes.filter((n) => (num(n.props, 'replicas') ?? 1) > 1);
    return open(scaled.length ? `the design runs ${andList(scaled.map((n) => code(n.id)))} with several replicas, which allows rolling updates, but names no strategy` : 'the design names no deployment strategy', 'choose rolling, blue-green or canary for production');
  },

  INTEGRATION_CICD_PIPELINE: () => open('the CI/CD platform is not part of the design', 'choose it (GitHub Actions, GitLab CI) and regenerate configs there from the design file'),

  INTEGRATION_CONFIG_MANAGEMENT: (c) => {
    const vault = c.ofKind('vault');
    return c.nodes.length ? filled(`generated starter configs per component under \`config/<node-id>/\`, credentials as variables in \`.env\` (listed in \`.env.example\`)${vault.length ? `, secrets in ${andList(vault.map((v) => code(v.id)))}` : ''}`, 'generated configs + .env') : open('the design is empty', 'add components');
  },

  INTEGRATION_ENVIRONMENT_MANAGEMENT: (c) => (c.nodes.length ? filled('local: Docker Compose from the generated stack; other environments are not in the design', 'Docker Compose locally') : open('the design is empty', 'add components')),

  INTEGRATION_VERSION_CONTROL: () => open('the design does not say how it is versioned', 'keep the design file (*.topo.yaml) in git next to the code and review changes to it'),

  INTEGRATION_RELEASE_MANAGEMENT: () => open('release process is not part of the design', 'decide automated releases or approval gates'),

  INTEGRATION_ROLLBACK_PROCEDURES: () => open('rollback is not part of the design', 'decide how each component is rolled back (image tags, schema migrations)'),

  OPERATIONAL_PROCEDURES: (c) => {
    const dl = deadLetters(c);
    const prom = scrapes(c);
    const runbooks: string[] = [];
    if (dl.length) runbooks.push(`reprocessing ${plural(dl.length, 'dead-letter destination')} (${andList(dl.map((d) => md(d.name, 60)), 4)})`);
    if (prom.length) runbooks.push('one per alert rule (error rate, latency' + (c.ofKind('kafka').length ? ', consumer lag' : '') + ')');
    if (c.edgesOf('cdc').length) runbooks.push('restarting a CDC connector and re-snapshotting');
    return runbooks.length ? filled(`runbooks needed: ${andList(runbooks)}`, 'runbooks per alert and dead-letter') : open('no alerts or dead-letters that call for runbooks', 'add monitoring and dead-lettering, then write their runbooks');
  },

  SUPPORT_MODEL: (c) => open('the support model is an organisational decision', c.req.stakeholders ? `agree it with ${md(String(c.req.stakeholders), 120)}` : 'agree it with the teams involved'),

  INTEGRATION_DOCUMENTATION: () => filled('this document, the Mermaid diagram (diagram.mmd) and the starter stack’s README, all generated from the design file', 'generated docs and diagrams'),
};
