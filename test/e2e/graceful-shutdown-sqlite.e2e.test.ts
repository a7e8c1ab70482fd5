import { describeGracefulShutdown } from './graceful-shutdown-scenarios.js';

// One file per database, so each runs on its own in well under a minute on a quiet machine.
describeGracefulShutdown('sqlite');
