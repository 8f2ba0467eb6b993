// Delete handlers get either the object or a tombstone (DeletedFinalStateUnknown) for a deletion the
// informer missed; controllers only need the object.
import { DeletedFinalStateUnknown } from '../../client/informer.js';

export function unwrapTombstone<T>(obj: T | DeletedFinalStateUnknown<T>): T {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}
