import { str, strs } from '../../../shared/resolve/props';
import { literal, secretEnv, valueEnv } from '../../k8s/build';
import { addrOf } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

/** Keycloak: a Deployment in dev mode importing its realm (with its roles) from a ConfigMap; clients get the realm's issuer URL. */
export const k8s = facet({
  objects: (ctx, c) => {
    const realm = str(c.props, 'realm') || 'topoforge';
    const roles = strs(c.props, 'roles');
    const file = `${JSON.stringify({ realm, enabled: true, roles: { realm: roles.map((name) => ({ name })) } }, null, 2)}\n`;
    runComponent(ctx, c, {
      args: ['start-dev', '--import-realm'],
      env: [secretEnv('KEYCLOAK_ADMIN', ctx.credential(c, 'ADMIN_USER')), secretEnv('KEYCLOAK_ADMIN_PASSWORD', ctx.credential(c, 'ADMIN_PASSWORD')), valueEnv('KC_HEALTH_ENABLED', 'true')],
      config: [{ mountPath: '/opt/keycloak/data/import', files: { 'realm.json': file } }],
      size: 'large',
    });
    ctx.note(`\`${c.service}\` runs Keycloak in dev mode (its own H2 database): give it a database and the Keycloak operator for production.`);
  },
  clientEnv: (_ctx, s, f) => [valueEnv(`${s.envPrefix}_ISSUER_URL`, `http://${addrOf(f)}/realms/${literal(str(s.props, 'realm') || 'topoforge')}`)],
});
