/** Test helper: the EditError a call throws. */
import { EditError } from '../../src/errors.js';

/** thrown runs `run` and returns the EditError it throws; fails the test when it throws nothing or something else. */
export function thrown(run: () => unknown): EditError {
  try {
    run();
  } catch (error) {
    if (error instanceof EditError) return error;
    throw error;
  }
  throw new Error('expected an EditError');
}
