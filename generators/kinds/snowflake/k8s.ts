import { str } from '../../../shared/resolve/props';
import { literal, secretEnv, valueEnv } from '../../k8s/build';
import { facet } from '../../k8s/types';

/** Snowflake (external): its clients get the account, user and password from a Secret, the warehouse and database from the design. */
export const k8s = facet({
  clientEnv: (ctx, s) => {
    const P = s.envPrefix;
    return [
      secretEnv(`${P}_ACCOUNT`, ctx.ownSecret(s, 'ACCOUNT', `Snowflake account of ${s.service}`, str(s.props, 'account') || 'xy12345.eu-west-1', false)),
      secretEnv(`${P}_USER`, ctx.ownSecret(s, 'USER', `Snowflake user for ${s.service}`, 'loader', false)),
      secretEnv(`${P}_PASSWORD`, ctx.ownSecret(s, 'PASSWORD', `Snowflake password (or key pair passphrase) for ${s.service}`)),
      valueEnv(`${P}_WAREHOUSE`, literal(str(s.props, 'warehouse'))),
      valueEnv(`${P}_DATABASE`, literal(str(s.props, 'database'))),
    ];
  },
});
