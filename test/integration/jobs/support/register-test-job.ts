// Preloaded into `opsbot worker` children (node --import) so they know the test-only job.
import { registerTestJob } from './test-job';

registerTestJob();
