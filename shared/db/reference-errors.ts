// Errors the reference-data repositories raise for the API to map onto problem+json statuses.

/** The id or code is taken (API: 409). */
export class DuplicateKeyError extends Error {
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`${entity} ${key} already exists`);
    this.name = 'DuplicateKeyError';
  }
}

/** A field names a unit, locality or category that does not exist (API: 422). */
export class UnknownReferenceError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field}: ${value} does not exist`);
    this.name = 'UnknownReferenceError';
  }
}

/** The new parent is the row itself or one of its descendants (API: 422). */
export class HierarchyCycleError extends Error {
  constructor(
    readonly entity: string,
    readonly key: string,
    readonly parent: string,
  ) {
    super(`${entity} ${key} cannot have ${parent} as parent: ${parent} is ${key} or below it`);
    this.name = 'HierarchyCycleError';
  }
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Turns PostgreSQL's foreign-key violation into an UnknownReferenceError naming the API field, so
 * "parent does not exist" needs no racy existence check before the write.
 */
export async function namingMissingReferences<T>(fields: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const e = error as { code?: string; constraint_name?: string; detail?: string };
    if (e.code === FOREIGN_KEY_VIOLATION && e.constraint_name && fields[e.constraint_name]) {
      const value = /=\(([^)]*)\)/.exec(e.detail ?? '')?.[1] ?? '';
      throw new UnknownReferenceError(fields[e.constraint_name]!, value);
    }
    throw error;
  }
}
