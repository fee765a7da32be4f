package io.gridloop.citizen;

/** Solves a human check as a person reading the picture would (tests only): the one answer its signature accepts. */
public final class HumanCheckSolver {

    private HumanCheckSolver() {}

    public static String solve(HumanCheck check, String token) {
        for (int n = 0; n <= 250; n++) {
            if (check.answers(token, n)) {
                return String.valueOf(n);
            }
        }
        throw new IllegalStateException("no answer for " + token);
    }

    /** A wrong answer to the same check. */
    public static String wrong(HumanCheck check, String token) {
        return String.valueOf(Integer.parseInt(solve(check, token)) + 1);
    }

    /** Every client and contact starts with full buckets. */
    public static void forgetLimits(CitizenLimits limits) {
        limits.forgetAll();
    }
}
