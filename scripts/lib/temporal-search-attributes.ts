import type { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { caseSearchAttributeKeys } from '../../shared/contracts/search-attributes';

/**
 * Registers duban's search attributes through the operator API, for servers started without the
 * `--search-attribute` flags: the time-skipping test server refuses a workflow that sets unknown ones.
 */
export async function registerCaseSearchAttributes(connection: Connection, namespace = 'default'): Promise<void> {
  const keys = Object.values(caseSearchAttributeKeys);
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      keys.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
    ),
  });
}
