import type { Command } from 'commander';
import { registerAudit } from './audit';
import { registerBots } from './bots';
import { registerDashboard } from './dashboard';
import { registerDemo } from './demo';
import { registerDoctor } from './doctor';
import { registerFixtures } from './fixtures';
import { registerRun } from './run';
import { registerRuns } from './runs';
import { registerSchedule } from './schedule';
import { registerUsers } from './users';
import { registerScheduler } from './scheduler';
import { registerWeb } from './web';
import { registerWorker } from './worker';

/** Every command of cli.md that works; a command is listed here only once it does. */
export const commands: ((program: Command) => void)[] = [
  registerDemo,
  registerRun,
  registerFixtures,
  registerWorker,
  registerBots,
  registerSchedule,
  registerScheduler,
  registerRuns,
  registerDashboard,
  registerWeb,
  registerDoctor,
  registerUsers,
  registerAudit,
];
