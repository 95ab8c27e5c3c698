// Preloaded into `opsbot worker` children (node --import) so they know the test-only job.
import { registerPagedExtractionJob } from './paged-extraction-job';

registerPagedExtractionJob();
