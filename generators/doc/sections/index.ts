import type { Section } from '../answer';
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

/** The template's sections, each with its fields' resolvers (one file per section), keyed by title. */
export const SECTIONS: ReadonlyMap<string, Section> = new Map(
  [overview, architecture, api, messaging, events, sync, esb, microservices, data, realtime, batch, file, database, cloud, security, errors, monitoring, testing, deployment].map((s) => [s.title, s]),
);
