import type { Resolver } from '../context';
import { api } from './api';
import { architecture } from './architecture';
import { batch } from './batch';
import { cloud } from './cloud';
import { data } from './data';
import { database } from './database';
import { deployment } from './deployment';
import { errors } from './errors';
import { esb } from './esb';
import { events } from './events';
import { file } from './file';
import { messaging } from './messaging';
import { microservices } from './microservices';
import { monitoring } from './monitoring';
import { overview } from './overview';
import { realtime } from './realtime';
import { security } from './security';
import { sync } from './sync';
import { testing } from './testing';

/** Every template variable's resolver, keyed by variable name (one file per template section). */
export const RESOLVERS: Readonly<Record<string, Resolver>> = {
  ...overview,
  ...architecture,
  ...api,
  ...messaging,
  ...events,
  ...sync,
  ...esb,
  ...microservices,
  ...data,
  ...realtime,
  ...batch,
  ...file,
  ...database,
  ...cloud,
  ...security,
  ...errors,
  ...monitoring,
  ...testing,
  ...deployment,
};
