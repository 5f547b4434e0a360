import { z } from 'zod';

/**
 * The body of a route that takes none: absent, or an empty object. Anything else is a 400 like any
 * unknown field (docs/api.md), never silently ignored — a client that sends a body means something.
 */
export const NoBody = z.object({}).strict().nullish();
