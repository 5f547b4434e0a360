import type { Viewer } from '../../shared/domain/access';
import { CaseViewSchema, type CaseView } from '../../shared/domain/case';
import { pickFields, storedFieldsOf } from '../../shared/db/case-columns';
import type { CaseRow } from '../../shared/db/case-queries';
import { reporterFor } from '../../shared/db/ledger';
import { present } from './present';

/** The view's fields the read model stores as they are: every one but the reporter. */
const STORED_VIEW_FIELDS = storedFieldsOf(CaseViewSchema.shape);

/** The API's view of a read-model row, with the reporter masked unless the viewer may see it. */
export function toCaseView(row: CaseRow, viewer: Viewer): CaseView {
  return {
    ...present(pickFields(row, STORED_VIEW_FIELDS)),
    reporter: reporterFor(viewer, row, row.reporterName, row.reporterPhone),
  };
}
