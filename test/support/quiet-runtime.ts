// Worker lifecycle lines at INFO drown the test report: the SDK logs warnings and errors only.
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Installed already in this process (a previous test file in the same fork): keep it.
}
