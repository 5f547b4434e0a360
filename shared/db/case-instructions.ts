import type { Db } from './sql';

/** The leaders' instructions on a case its lead has not acknowledged, oldest first (领导批示). */
export async function findOpenInstructionIds(db: Db, caseId: string): Promise<string[]> {
  const rows = await db<Array<{ instructionId: string }>>`
    SELECT instruction_id AS "instructionId" FROM case_instructions
    WHERE case_id = ${caseId} AND acknowledged_at IS NULL
    ORDER BY given_at, seq`;
  return rows.map((row) => row.instructionId);
}
