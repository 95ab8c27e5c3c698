// A write-back worker in its own process, so a test can SIGKILL it between the submit and recording
// the number. Reads WRITE_BACK_CONFIG (the test runtime's Config as JSON: Redis, queue prefix,
// varDir, databaseUrl, portals, lock settings); prints "ready" once it consumes the queue.
import pino from 'pino';
import { startChangeWorker } from '../../../jobs/review/changes';
import type { Config } from '../../../jobs/runtime/config';
import { openDatabase } from '../../../jobs/runtime/db';
import { composeRuntime } from '../../../scripts/app/compose-runtime';

const config = JSON.parse(process.env.WRITE_BACK_CONFIG ?? '{}') as Config;
const log = pino({ level: 'silent' });
const { db } = await openDatabase(config, log);
const deps = composeRuntime({ config, redis: config.redisUrl!, log });
await startChangeWorker({ ...deps, db });
console.log('ready');
