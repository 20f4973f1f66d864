import type { RNode, StackContext } from './context';
import { str } from '../../shared/resolve/props';

/**
 * Credentials of each component, as `.env` variables. Defined in one place so that the
 * component, its clients, its exporter and its connectors all read the same variables.
 */

export interface Creds {
  user: string;
  password: string;
}

const def = (ctx: StackContext, n: RNode, key: string, comment: string, example?: string, secret = false) =>
  ctx.env.ref(n.id, key, { comment, example, secret });

/** PostgreSQL: superuser (image init) and the application user. */
export function pgCreds(ctx: StackContext, n: RNode): { admin: Creds; app: Creds } {
  return {
    admin: {
      user: def(ctx, n, 'ADMIN_USER', `PostgreSQL superuser of ${n.id} (also used by CDC and the exporter)`, 'postgres'),
      password: def(ctx, n, 'ADMIN_PASSWORD', `Password of the ${n.id} superuser`, undefined, true),
    },
    app: {
      user: def(ctx, n, 'APP_USER', `Application user of ${n.id}, created at first start`, 'app'),
      password: def(ctx, n, 'APP_PASSWORD', `Password of the ${n.id} application user`, undefined, true),
    },
  };
}

export function mysqlCreds(ctx: StackContext, n: RNode): { root: Creds; app: Creds } {
  return {
    root: { user: 'root', password: def(ctx, n, 'ROOT_PASSWORD', `MySQL root password of ${n.id} (also used by CDC and the exporter)`, undefined, true) },
    app: {
      user: def(ctx, n, 'APP_USER', `Application user of ${n.id}, created at first start`, 'app'),
      password: def(ctx, n, 'APP_PASSWORD', `Password of the ${n.id} application user`, undefined, true),
    },
  };
}

export function mongoCreds(ctx: StackContext, n: RNode): Creds {
  return {
    user: def(ctx, n, 'ROOT_USER', `MongoDB root user of ${n.id}`, 'root'),
    password: def(ctx, n, 'ROOT_PASSWORD', `Password of the ${n.id} root user`, undefined, true),
  };
}

export function redisPassword(ctx: StackContext, n: RNode): string {
  return def(ctx, n, 'PASSWORD', `Password clients give to ${n.id} (requirepass)`, undefined, true);
}

export function rabbitCreds(ctx: StackContext, n: RNode): Creds {
  return {
    user: def(ctx, n, 'USER', `RabbitMQ user of ${n.id}, created at start`, 'app'),
    password: def(ctx, n, 'PASSWORD', `Password of the ${n.id} RabbitMQ user`, undefined, true),
  };
}

export function natsCreds(ctx: StackContext, n: RNode): Creds {
  return {
    user: def(ctx, n, 'USER', `NATS user of ${n.id}`, 'app'),
    password: def(ctx, n, 'PASSWORD', `Password of the ${n.id} NATS user`, undefined, true),
  };
}

export function mqttCreds(ctx: StackContext, n: RNode): { app: Creds; health: string } {
  return {
    app: {
      user: def(ctx, n, 'USER', `MQTT user of ${n.id} (written to its password file at start)`, 'app'),
      password: def(ctx, n, 'PASSWORD', `Password of the ${n.id} MQTT user`, undefined, true),
    },
    health: def(ctx, n, 'HEALTH_PASSWORD', `Password of the healthcheck user of ${n.id}`, undefined, true),
  };
}

export function mqCreds(ctx: StackContext, n: RNode): { app: string; admin: string } {
  return {
    app: def(ctx, n, 'APP_PASSWORD', `Password of the 'app' user of queue manager ${n.id}`, undefined, true),
    admin: def(ctx, n, 'ADMIN_PASSWORD', `Password of the 'admin' user of queue manager ${n.id}`, undefined, true),
  };
}

export function clickhouseCreds(ctx: StackContext, n: RNode): Creds {
  return {
    user: def(ctx, n, 'USER', `ClickHouse user of ${n.id}`, 'app'),
    password: def(ctx, n, 'PASSWORD', `Password of the ${n.id} ClickHouse user`, undefined, true),
  };
}

export function elasticPassword(ctx: StackContext, n: RNode): string {
  return def(ctx, n, 'ELASTIC_PASSWORD', `Password of the built-in 'elastic' user of ${n.id}`, undefined, true);
}

export function minioCreds(ctx: StackContext, n: RNode): Creds {
  return {
    user: def(ctx, n, 'ACCESS_KEY', `Root access key (user) of ${n.id}`, 'admin'),
    password: def(ctx, n, 'SECRET_KEY', `Root secret key of ${n.id} (at least 8 characters)`, undefined, true),
  };
}

export function sftpCreds(ctx: StackContext, n: RNode): Creds {
  return {
    user: def(ctx, n, 'USER', `SFTP account of ${n.id}`, str(n.props, 'user') || 'transfer'),
    password: def(ctx, n, 'PASSWORD', `Password of the ${n.id} SFTP account`, undefined, true),
  };
}

export function keycloakAdmin(ctx: StackContext, n: RNode): Creds {
  return {
    user: def(ctx, n, 'ADMIN_USER', `Keycloak admin of ${n.id}`, str(n.props, 'adminUser') || 'admin'),
    password: def(ctx, n, 'ADMIN_PASSWORD', `Password of the ${n.id} Keycloak admin`, undefined, true),
  };
}

/** The client secret of `client` in Keycloak `kc` (a variable the realm import reads). */
export function keycloakClientSecret(ctx: StackContext, kc: RNode, client: string): string {
  return ctx.env.define(kc.id, `CLIENT_${client.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_SECRET`, {
    comment: `Secret of the OpenID Connect client '${client}' in realm of ${kc.id}`,
    secret: true,
  });
}

export function grafanaAdmin(ctx: StackContext, n: RNode): Creds {
  return {
    user: def(ctx, n, 'ADMIN_USER', `Grafana admin of ${n.id}`, str(n.props, 'adminUser') || 'admin'),
    password: def(ctx, n, 'ADMIN_PASSWORD', `Password of the ${n.id} Grafana admin`, undefined, true),
  };
}

export function vaultToken(ctx: StackContext, n: RNode): string {
  return def(ctx, n, 'DEV_ROOT_TOKEN', `Root token of ${n.id} in dev mode (dev mode: not for production)`, undefined, true);
}
