/**
 * Exit codes shared by every `faultline` command, so scripts and CI can tell outcomes apart.
 */

/** Every seed passed, every history was linearizable. */
export const EXIT_OK = 0;
/** A run failed or a history has a violation: a finding, not an error of the tool. */
export const EXIT_FAILURE = 1;
/** Bad input or usage: a malformed file, an unknown flag, a missing argument. */
export const EXIT_USAGE = 2;
/** A check ran out of budget without finding a violation: the verdict is unknown. */
export const EXIT_UNKNOWN = 3;
/**
 * A recorded failure did not reproduce: replaying it gave another trace hash or another
 * verdict, so the system under test depends on something outside the seed.
 */
export const EXIT_NOT_REPRODUCED = 4;
/** The command was interrupted (Ctrl-C), after reporting what it had found: 128 + SIGINT. */
export const EXIT_INTERRUPTED = 130;
