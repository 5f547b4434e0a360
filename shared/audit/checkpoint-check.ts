import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, headsRoot, type ChainHead, type SignedCheckpoint } from './checkpoint-message';

/** A checkpoint holds when `publicKey` signed it and its heads hash to the root it signed. */
export function checkpointHolds(publicKey: KeyObject, checkpoint: SignedCheckpoint & { heads: ChainHead[] }): boolean {
  return checkpointSignatureValid(publicKey, checkpoint) && headsRoot(checkpoint.heads) === checkpoint.root;
}
